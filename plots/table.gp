# Plot 1: the seed's table as a picture.  At n = 10, 100, 1000 on linear
# axes: the actions taken (left) and the time per pass (right), full scan
# against production only.  The straight lines are the lesson: both grow
# in proportion to n; filtering to production cuts the actions to a third
# but the scan still checks every version.
load 'plots/common.gp'

seed(name, c) = (column(2) == 10 || column(2) == 100 || column(2) == 1000 \
    ? sel(name, c) : NaN)
set xrange [-30:1080]
set xtics (10, 100, 250, 500, 750, 1000)
set xlabel "versions in the registry, n"
set key top left
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0

do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    set multiplot layout 1,2 \
        title "The seed's table: one action per version, so the work grows as O(n)" font ",16"
    set title "Actions taken"
    set ylabel "actions per pass"
    plot data using 2:(seed("dispatch/random", 3)) with linespoints ls 1 \
             title "full scan: deploy + test + archive = n", \
         data using 2:(seed("production/scan", 3)) with linespoints ls 6 \
             title sprintf("production only: deploy = p = %.0f%% of n", 100*frac), \
         data using 2:(seed("dispatch/random", 3)):(sprintf("%d", column(3))) \
             with labels offset -2,1 notitle, \
         data using 2:(seed("production/scan", 3)):(sprintf("%d", column(3))) \
             with labels offset 2.5,-0.6 notitle
    set title "Time per pass"
    set ylabel "time (µs, median CPU time)"
    plot data using 2:(seed("dispatch/random", 4)/1000) with linespoints ls 1 \
             title "full dispatch (random order)", \
         data using 2:(seed("production/scan", 4)/1000) with linespoints ls 6 \
             title "production only, filtered scan", \
         data using 2:(seed("production/indexed", 4)/1000) with linespoints ls 8 \
             title "production only, stage index", \
         data using 2:(seed("dispatch/random", 4)/1000):(sprintf("%.2f", column(4)/1000)) \
             with labels offset -2.5,1 notitle
    unset multiplot
    set output
}
