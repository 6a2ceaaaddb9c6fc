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
base_mb=$(du -sm "$corpus/base" | cut -f1)
want_mb=$(awk -v s="$BENCH_SCALE" 'BEGIN { printf "%d", 500 * s }')
copies=$(( (want_mb + base_mb - 1) / base_mb ))
i=0
while [ $i -lt $copies ]; do
	mkdir -p "$corpus/all/c$i" "$corpus/quarter"
	for f in "$corpus"/base/*.txt; do
		ln "$f" "$corpus/all/c$i/${f##*/}" 2>/dev/null || cp "$f" "$corpus/all/c$i/"
	done
	[ $i -lt $(( (copies + 3) / 4 )) ] && ln -s "$corpus/all/c$i" "$corpus/quarter/c$i"
	i=$((i + 1))
done
# (du -l: the copies are hard links, and each is read)
mb=$(du -smlL "$corpus/all" | cut -f1)
qmb=$(du -smlL "$corpus/quarter" | cut -f1)
echo "  corpus: $mb MB of transcripts in $(find "$corpus/all" -name '*.txt' | wc -l) files"
# Warm the page cache so every tool reads from memory.
cat "$corpus"/all/*/*.txt > /dev/null

measure "cat (cached read)" "$mb" sh -c "cat '$corpus'/all/*/*.txt"
cat_s=$SECS
measure "cat | wc -w (one pipe hop)" "$mb" sh -c "cat '$corpus'/all/*/*.txt | LC_ALL=C wc -w"
wc_s=$SECS wc_cpu=$CPU
measure "samling-ingest -r" "$mb" samling-ingest -r "$corpus/all"
ing_s=$SECS ing_kb=$PEAK_KB ing_cpu=$CPU
measure "samling-ingest -r (quarter corpus)" "$qmb" samling-ingest -r "$corpus/quarter"
q_kb=$PEAK_KB
ratio "ingest time / cat" "$ing_s" "$cat_s"
ratio "ingest time / cat | wc -w" "$ing_s" "$wc_s"
ratio "ingest cpu / cat | wc -w cpu" "$ing_cpu" "$wc_cpu"
ratio "peak memory, full / quarter corpus" "$ing_kb" "$q_kb"

# A corpus as dense in items as the seeds (dense.py: slides of goals,
# challenges and dated steps, now and then a page of running text), 16
# transcripts of 1 MB repeated to the same size.
dense=$BENCH_TMP/dense
mkdir -p "$dense/base"
python3 "$TOP/tests/bench/dense.py" "$dense/base" 16 1000000
dcopies=$(( (want_mb + 15) / 16 ))
i=0
while [ $i -lt $dcopies ]; do
	mkdir -p "$dense/all/c$i" "$dense/quarter"
	for f in "$dense"/base/*.txt; do
		ln "$f" "$dense/all/c$i/${f##*/}" 2>/dev/null || cp "$f" "$dense/all/c$i/"
	done
	[ $i -lt $(( (dcopies + 3) / 4 )) ] && ln -s "$dense/all/c$i" "$dense/quarter/c$i"
	i=$((i + 1))
done
dmb=$(du -smlL "$dense/all" | cut -f1)
dqmb=$(du -smlL "$dense/quarter" | cut -f1)
echo "  dense corpus: $dmb MB of transcripts in $(find "$dense/all" -name '*.txt' | wc -l) files"
cat "$dense"/all/*/*.txt > /dev/null
measure "cat | wc -w (dense)" "$dmb" sh -c "cat '$dense'/all/*/*.txt | LC_ALL=C wc -w"
wc_s=$SECS wc_cpu=$CPU
measure "samling-ingest -r (dense)" "$dmb" samling-ingest -r "$dense/all"
ing_s=$SECS ing_kb=$PEAK_KB ing_cpu=$CPU
measure "samling-ingest -r (dense, quarter)" "$dqmb" samling-ingest -r "$dense/quarter"
q_kb=$PEAK_KB
ratio "dense: ingest time / cat | wc -w" "$ing_s" "$wc_s"
ratio "dense: ingest cpu / cat | wc -w cpu" "$ing_cpu" "$wc_cpu"
ratio "dense: peak memory, full / quarter" "$ing_kb" "$q_kb"
awk -v c="$ing_cpu" -v dmb="$dmb" 'BEGIN {
	if (c > 0 && dmb / c < 250) print "  dense: below the 250 MB/s target (cpu)" }'
