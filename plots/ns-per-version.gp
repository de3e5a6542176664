# Plot 3: ns per version against n.  Flat means linear (time / n is
# constant).  Random against sorted order shows the branch predictor: a
# random order it cannot memorise costs a misprediction on a good share of
# the versions; a short pattern reused every pass (memorised) is learnt.
# With SIZES=full the cache steps show at large n: the dashed lines mark
# where the versions (32 bytes each) outgrow L1, L2 and L3.
load 'plots/common.gp'

set logscale x
set format x "10^{%L}"
set xlabel "versions in the registry, n"
set ylabel "time per version (ns, median CPU time / n)"
# Room above the data for the key, in two columns of four (stats filters
# by the current ranges: both run before any range is set).
stats data using 5 nooutput
ymax = STATS_max
stats data using 2 nooutput
nlo = STATS_min
nhi = STATS_max
set yrange [0:ymax*1.6]
set key top right maxrows 4 font ",11" spacing 1.1 width -2
set title "Time per version: flat means O(n)"

# The cache capacities in versions, where they fall inside the sizes run.
set xrange [nlo/1.3:nhi*1.3]
do for [lv = 1:3] {
    cap = value(sprintf("l%d_versions", lv))
    if (cap >= nlo && cap <= nhi) {
        set arrow lv from cap, graph 0 to cap, graph 1 nohead dt 2 lc rgb "#aaaaaa"
        set label 10 + lv sprintf("L%d full", lv) at cap, graph 0.45 \
            right offset -0.5,0 font ",10" tc rgb "#777777"
    }
}

do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    plot data using 2:(sel("dispatch/random", 5)) with linespoints ls 1 \
             title "full dispatch, random (unmemorisable)", \
         data using 2:(sel("dispatch/memorised", 5)) with linespoints ls 2 \
             title "full dispatch, one shuffled array reused", \
         data using 2:(sel("dispatch/sorted", 5)) with linespoints ls 3 \
             title "full dispatch, sorted by stage", \
         data using 2:(sel("kernel/random", 5)) with linespoints ls 4 \
             title "bare kernel, random", \
         data using 2:(sel("kernel/sorted", 5)) with linespoints ls 5 \
             title "bare kernel, sorted", \
         data using 2:(sel("production/scan", 5)) with linespoints ls 6 \
             title "production only, filtered scan, random", \
         data using 2:(sel("production/scan-sorted", 5)) with linespoints ls 7 \
             title "production only, filtered scan, sorted", \
         data using 2:(sel("production/indexed", 5)) with linespoints ls 8 \
             title "production only, stage index"
    set output
}
