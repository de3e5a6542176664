# Plot 2: time against n on log-log axes.  A slope of 1 is O(n): full
# dispatch and the filtered production scan both check every version; the
# stage index touches only the p = n/3 production versions.
load 'plots/common.gp'

set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xlabel "versions in the registry, n"
set ylabel "time per pass (ns, median CPU time)"
set title "Dispatch time grows linearly with n (log-log: slope 1 = O(n))"

# Reference slopes drawn parallel to the data, offset so that they stay
# visible: slope 1 above the full dispatch and below the stage index.
f_n(x) = 2 * ref_n_c * x
f_p(x) = 0.5 * ref_p_c * frac * x
# With refdir set (make IMPL=kata plots), the reference's dispatch beside.
ref = !exists("refdir") ? "" : \
    sprintf(", '%s/results.tsv' using 2:(sel(\"dispatch/random\", 4)) " . \
            "with linespoints ls 10 title 'reference solution: full dispatch'", refdir)


do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    plot data using 2:(sel("dispatch/random", 4)) with linespoints ls 1 \
             title "full dispatch, random order: ".vfit("dispatch_random"), \
         data using 2:(sel("production/scan", 4)) with linespoints ls 6 \
             title "production only, filtered scan: ".vfit("production_scan"), \
         data using 2:(sel("production/indexed", 4)) with linespoints ls 8 \
             title "production only, stage index: ".vfit("production_indexed"), \
         f_n(x) with lines ls 9 title "reference slope 1: ∝ n", \
         f_p(x) with lines ls 9 dt (12, 6) title "reference slope 1: ∝ p = n/3" @ref
    set output
}
