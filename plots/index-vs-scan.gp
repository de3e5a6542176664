# Plot 4: O(p) against O(n).  Left, the fixed-p series: n grows while p
# stays (fixed_p in meta.gp): the filtered scan checks every version and
# rises with n; the stage index walks the p Production versions and stays
# flat.  Right, the fixed-n series: n stays (fixed_n) while p grows from 1
# to n: the index rises with p; the scan's n checks stay, and only its
# deploys and its branch mispredictions move with p/n.
load 'plots/common.gp'
if (!exists("fixed_p")) fixed_p = 5
if (!exists("fixed_n")) fixed_n = 100000

set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set ylabel "time per pass (ns, median CPU time)"
set key top left reverse Left box opaque font ",13"

do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    set multiplot layout 1,2 title \
        "Production only: the stage index costs O(p), the filtered scan O(n)" \
        font ",18"
    set title sprintf("p = %d in Production, n grows", fixed_p)
    set xlabel "versions in the registry, n"
    plot data using (sel("fixed-p/scan", 2)):(sel("fixed-p/scan", 4)) with linespoints ls 6 \
             title "filtered scan: ".vfit("fixed_p_scan"), \
         data using (sel("fixed-p/indexed", 2)):(sel("fixed-p/indexed", 4)) with linespoints ls 8 \
             title "stage index: ".vfit("fixed_p_indexed")
    set key bottom right
    set title sprintf("n = %d versions, p grows to n", fixed_n)
    set xlabel "versions in Production, p"
    plot data using (sel("fixed-n/scan", 9)):(sel("fixed-n/scan", 4)) with linespoints ls 6 \
             title "filtered scan: ".vfit("fixed_n_scan"), \
         data using (sel("fixed-n/indexed", 9)):(sel("fixed-n/indexed", 4)) with linespoints ls 8 \
             title "stage index: ".vfit("fixed_n_indexed")
    unset multiplot
    set key top left
    set output
}
