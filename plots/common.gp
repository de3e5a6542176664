# Shared by the plots: loaded with dir (the bench results) and out (the
# image path without extension) set on the command line, e.g.
#   gnuplot -e "dir='build/bench'; out='build/plots/loglog'" plots/loglog.gp
# meta.gp (written by the bench) defines machine, date, impl, frac, the
# fitted exponents k_<bench> and the cache sizes in versions.
if (!exists("dir")) dir = 'build/bench'
if (!exists("out")) out = 'build/plots/plot'
# nometa=1 (set by make when the benchmarks have not run): no meta.gp.
if (!exists("nometa")) load dir.'/meta.gp'
if (!exists("machine")) machine = 'machine not recorded (run make bench)'
if (!exists("date")) date = ''
if (!exists("impl")) impl = 'solutions'
data = dir.'/results.tsv'
set datafile separator "\t"
set datafile commentschars "#"

# Column c of the rows of one benchmark, NaN elsewhere (gnuplot skips it).
sel(name, c) = (strcol(1) eq name ? column(c) : NaN)

# Sized for a projector: a slide at the back of a room.
set key top left box opaque font ",14"
set grid lc rgb "#dddddd"
set border lw 1.2
set tics font ",14"
set xlabel font ",16"
set ylabel font ",16"
set title font ",18"
set bmargin 6
set label 99 sprintf("%s  |  %s  |  IMPL=%s", machine, date, impl) \
    at screen 0.01, screen 0.02 left font ",11" tc rgb "#444444"

# A family's verdict for a legend (bench/fit.h), from meta.gp's
# vshort_<id>, k_<id>, klo_<id>, khi_<id>; "no fit" when there is none.
# The table (build/bench/table.txt) has the verdict in full.
vfit(id) = !exists("vshort_".id) ? "no fit (the family did not run)" : \
    value("vshort_".id) eq "" ? "no fit (needs 3 or more sizes)" : \
    sprintf("%s, k = %.2f [%.2f, %.2f]", value("vshort_".id), \
            value("k_".id), value("klo_".id), value("khi_".id))

# One style per benchmark, the same in every plot.  Colours are the
# Okabe-Ito palette (safe for the common colour-vision deficiencies), and
# every line also has its own point shape or dash, so none depends on
# colour alone.
set style line 1 lc rgb "#D55E00" lw 3 pt 7 ps 1.5     # dispatch/random
set style line 2 lc rgb "#E69F00" lw 2.5 pt 5 ps 1.3   # dispatch/memorised
set style line 3 lc rgb "#0072B2" lw 3 pt 9 ps 1.5     # dispatch/sorted
set style line 4 lc rgb "#D55E00" lw 2 dt 3 pt 6 ps 1.3  # kernel/random
set style line 5 lc rgb "#0072B2" lw 2 dt 3 pt 8 ps 1.3  # kernel/sorted
set style line 6 lc rgb "#009E73" lw 3 pt 13 ps 1.5    # production/scan
set style line 7 lc rgb "#56B4E9" lw 2.5 pt 12 ps 1.3  # production/scan-sorted
set style line 8 lc rgb "#CC79A7" lw 3 pt 11 ps 1.5    # production/indexed
set style line 9 lc rgb "#444444" lw 1.5 dt 2          # reference slopes
set style line 10 lc rgb "#999999" lw 2 dt 4 pt 1      # reference solution
set style line 11 lc rgb "#000000" lw 3 pt 5 ps 1.5    # transition
set style line 12 lc rgb "#0072B2" lw 3 dt 2 pt 4 ps 1.5  # load latency

# The two formats of every plot: each script loops
#   do for [fmt in formats] { eval terminal(fmt); set output out.'.'.fmt; ... }
formats = "png svg"
terminal(fmt) = fmt eq "png" \
    ? "set terminal pngcairo size 1280,720 enhanced font 'sans,14'" \
    : "set terminal svg size 1280,720 enhanced font 'sans,14' background 'white'"
