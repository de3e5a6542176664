# Plot 5: what O(1) costs.  A transition does the same work at every
# size (a hash lookup, an array index, O(1) index updates), yet its time
# grows: the memory it touches leaves the caches.  Beside it, the latency
# of one dependent load over a random cycle as large as the registry's
# heap (a pointer chase, same run); each point is labelled with the
# transition's growth over the smallest size, in such loads.
load 'plots/common.gp'
tdata = dir.'/transition.tsv'

set logscale xy
set format x "10^{%L}"
set xlabel "versions in the registry (the heap grows with them)"
set ylabel "nanoseconds"
set title "A transition is O(1) in work, not in time: it pays for cache misses"
set key top left box opaque
set yrange [1:*]
set xrange [500:2000000]
set offsets 0, 0, graph 0.15, 0

do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    plot tdata using 1:3 with linespoints ls 11 title "one transition", \
         tdata using 1:4 with linespoints ls 12 \
             title "one dependent load, same working set (pointer chase)", \
         tdata using 1:3:(sprintf("+%.1f misses", $5)) with labels \
             offset 0, 1.5 font ",13" notitle
    set output
}
