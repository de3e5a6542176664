# The class view (grade --class): pass rate per exercise, miss rate per
# quiz question, and the two score histograms, in four panels.  Called as
#   gnuplot -e "dir='build/class'; out='build/class/class'" plots/class.gp
# dir holds class.dat (four index blocks) and meta.gp (the counts).
load 'plots/common.gp'
unset label 99
set label 99 sprintf("%d students  |  %s", students, date) \
    at screen 0.01, screen 0.02 left font ",10" tc rgb "#555555"
cdata = dir.'/class.dat'
set style fill solid 0.85 border lc rgb "#333333"
set boxwidth 0.7 relative
unset key
set bmargin 5

# A panel without data says so instead of plotting nothing.
empty(what) = sprintf("set label 1 '%s' at graph 0.5, graph 0.5 center font ',14'; plot [0:1][0:1] NaN notitle; unset label 1", what)

do for [fmt in formats] {
    eval terminal(fmt)
    set output out.'.'.fmt
    set multiplot layout 2, 2 title "The class" font ",16"

    set title "Pass rate per exercise"
    set ylabel "passed (%)"
    set yrange [0:105]
    set xtics noenhanced rotate by -30 font ",10"
    set xlabel ""
    if (nex > 0) {
        plot cdata index 0 using 1:3:xticlabels(2) with boxes ls 3
    } else { eval empty("no grade reports") }

    set title "Miss rate per quiz question"
    set ylabel "missed (%)"
    set xlabel "question"
    set xtics norotate autofreq font ",10"
    if (nq > 0) {
        set xrange [0.5:*]
        plot cdata index 1 using 1:2 with boxes ls 1
        set xrange [*:*]
    } else { eval empty("no quiz reports") }

    set title "Kata scores"
    set ylabel "reports"
    set xlabel sprintf("exercises passed (of %d)", max_score)
    set yrange [0:*]
    set xtics 1
    if (ngrade > 0) {
        plot [-0.5:max_score + 0.5] cdata index 2 using 1:2 with boxes ls 6
    } else { eval empty("no grade reports") }

    set title "Quiz scores"
    set xlabel "score (%), bands of ten"
    set xtics 10
    set boxwidth 8 absolute
    if (nquiz > 0) {
        plot [-5:100] cdata index 3 using ($1 + 5):2 with boxes ls 8
    } else { eval empty("no quiz reports") }
    set boxwidth 0.7 relative

    unset multiplot
    unset output
}
