# Shared by the plots: loaded with dir (the bench results) and out (the
# image path without extension) set on the command line, e.g.
#   gnuplot -e "dir='build/bench'; out='build/plots/loglog'" plots/loglog.gp
# meta.gp (written by the bench) defines machine, date, impl, frac, the
# fitted exponents k_<bench> and the cache sizes in versions.
if (!exists("dir")) dir = 'build/bench'
if (!exists("out")) out = 'build/plots/plot'
load dir.'/meta.gp'
data = dir.'/results.tsv'
set datafile separator "\t"
set datafile commentschars "#"

# Column c of the rows of one benchmark, NaN elsewhere (gnuplot skips it).
sel(name, c) = (strcol(1) eq name ? column(c) : NaN)

set key top left box opaque font ",12"
set grid lc rgb "#dddddd"
set border lw 1.2
set tics font ",12"
set xlabel font ",13"
set ylabel font ",13"
set title font ",16"
set bmargin 6
set label 99 sprintf("%s  |  %s  |  IMPL=%s", machine, date, impl) \
    at screen 0.01, screen 0.02 left font ",10" tc rgb "#555555"

# One style per benchmark, the same in every plot.
set style line 1 lc rgb "#c0392b" lw 2.5 pt 7 ps 1.3   # dispatch/random
set style line 2 lc rgb "#e67e22" lw 2 pt 5 ps 1.1     # dispatch/memorised
set style line 3 lc rgb "#2980b9" lw 2.5 pt 9 ps 1.3   # dispatch/sorted
set style line 4 lc rgb "#c0392b" lw 1.5 dt 3 pt 6 ps 1.1  # kernel/random
set style line 5 lc rgb "#2980b9" lw 1.5 dt 3 pt 8 ps 1.1  # kernel/sorted
set style line 6 lc rgb "#27ae60" lw 2.5 pt 13 ps 1.3  # production/scan
set style line 7 lc rgb "#16a085" lw 2 pt 12 ps 1.1    # production/scan-sorted
set style line 8 lc rgb "#8e44ad" lw 2.5 pt 11 ps 1.3  # production/indexed
set style line 9 lc rgb "#555555" lw 1.5 dt 2          # reference slopes
set style line 10 lc rgb "#999999" lw 2 dt 4 pt 1      # reference solution

# The two formats of every plot: each script loops
#   do for [fmt in formats] { eval terminal(fmt); set output out.'.'.fmt; ... }
formats = "png svg"
terminal(fmt) = fmt eq "png" \
    ? "set terminal pngcairo size 1280,720 enhanced font 'sans,12'" \
    : "set terminal svg size 1280,720 enhanced font 'sans,12' background 'white'"
