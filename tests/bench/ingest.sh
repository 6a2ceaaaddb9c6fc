# samling-ingest: MB/s and peak memory over a corpus of slide transcripts
# (500 MB at BENCH_SCALE=1), against reading the same files with cat and
# counting their words with wc -w; then memory at a quarter of the corpus,
# which should be the same (flat as the corpus grows).  Then the same on a
# corpus as dense in items as the seeds (dense.py).
. "$TOP/tests/bench/lib.sh"

corpus=$BENCH_TMP/corpus
mkdir -p "$corpus/base"
# 64 distinct transcripts of about 1 MB each, written from a word list of
# our own; the corpus repeats them under other names up to the size asked.
python3 - "$corpus/base" <<'PY'
import random, sys
random.seed(20261123)
words = ("barnevern kommune samarbeid nettverk tjeneste kompetanse ledelse "
         "rekruttering tiltak prosjekt fylke plan mål risiko samling fagteam "
         "oppvekst læring tilskudd statsforvalter rådmann delmål fremdrift "
         "utfordringer evaluering kartlegging høsten våren innen 2024 2025").split()
def sentence(lo, hi):
    s = " ".join(random.choice(words) for _ in range(random.randint(lo, hi)))
    return s[0].upper() + s[1:]
for d in range(64):
    out = ['Presentasjon lastes. Vennligst vent\n\nLiknende presentasjoner\n\n',
           f'Presentasjon om: "Samling {d}"— Utskrift av presentasjonen:\n\n']
    size, n = 0, 0
    while size < 1_000_000:
        n += 1
        parts = [sentence(2, 5)]
        for _ in range(random.randint(3, 8)):
            b = sentence(2, 12)
            parts += [b, b]
        line = f"{n} " + " ".join(parts) + "\n\n"
        out.append(line)
        size += len(line.encode())
    out.append(f'Laste ned ppt "Samling {d}"\n\nAnnonser fra Google\n')
    open(f"{sys.argv[1]}/s{d:02}.txt", "w", encoding="utf-8").write("".join(out))
PY
want_mb=$(awk -v s="$BENCH_SCALE" 'BEGIN { printf "%d", 500 * s }')
# replicate DIR: DIR/base's files copied (hard links) into DIR/all/c0,
# c1, ... up to want_mb, and a quarter of the copies linked from
# DIR/quarter; sets MB and QMB, and warms the page cache so every tool
# reads from memory.
replicate() {
	base_mb=$(du -sm "$1/base" | cut -f1)
	copies=$(( (want_mb + base_mb - 1) / base_mb ))
	i=0
	while [ $i -lt $copies ]; do
		mkdir -p "$1/all/c$i" "$1/quarter"
		for f in "$1"/base/*.txt; do
			ln "$f" "$1/all/c$i/${f##*/}" 2>/dev/null || cp "$f" "$1/all/c$i/"
		done
		[ $i -lt $(( (copies + 3) / 4 )) ] && ln -s "$1/all/c$i" "$1/quarter/c$i"
		i=$((i + 1))
	done
	# (du -l: the copies are hard links, and each is read)
	MB=$(du -smlL "$1/all" | cut -f1)
	QMB=$(du -smlL "$1/quarter" | cut -f1)
	cat "$1"/all/*/*.txt > /dev/null
}
replicate "$corpus"
mb=$MB qmb=$QMB
echo "  corpus: $mb MB of transcripts in $(find "$corpus/all" -name '*.txt' | wc -l) files"

# bench LABEL DIR MB QMB: cat | wc -w, and samling-ingest -r over all
# the corpus and over its quarter, with the ratios and the target.
bench() {
	l=${1:+$1: }
	measure "${l}cat | wc -w (one pipe hop)" "$3" sh -c "cat '$2'/all/*/*.txt | LC_ALL=C wc -w"
	wc_s=$SECS wc_cpu=$CPU
	measure "${l}samling-ingest -r" "$3" samling-ingest -r "$2/all"
	ing_s=$SECS ing_kb=$PEAK_KB ing_cpu=$CPU
	measure "${l}samling-ingest -r (quarter)" "$4" samling-ingest -r "$2/quarter"
	q_kb=$PEAK_KB
	ratio "${l}ingest time / cat | wc -w" "$ing_s" "$wc_s"
	ratio "${l}ingest cpu / cat | wc -w cpu" "$ing_cpu" "$wc_cpu"
	ratio "${l}peak memory, full / quarter" "$ing_kb" "$q_kb"
	awk -v l="$l" -v c="$ing_cpu" -v mb="$3" 'BEGIN {
		if (c > 0 && mb / c < 250) print "  " l "below the 250 MB/s target (cpu)" }'
}

measure "cat (cached read)" "$mb" sh -c "cat '$corpus'/all/*/*.txt"
cat_s=$SECS
bench "" "$corpus" "$mb" "$qmb"
ratio "ingest time / cat" "$ing_s" "$cat_s"

# A corpus as dense in items as the seeds (dense.py: slides of goals,
# challenges and dated steps, now and then a page of running text), 16
# transcripts of 1 MB repeated to the same size.
dense=$BENCH_TMP/dense
mkdir -p "$dense/base"
python3 "$TOP/tests/bench/dense.py" "$dense/base" 16 1000000
replicate "$dense"
echo "  dense corpus: $MB MB of transcripts in $(find "$dense/all" -name '*.txt' | wc -l) files"
bench dense "$dense" "$MB" "$QMB"
