// npm exec -- node bench/anonymity.ts [n]
// Measures the anonymity guard on the generated corpora: how much of the identifying corpus it
// refuses (should be 100 %), how much ordinary school text it wrongly refuses (should be ≤ 1 %),
// and how many texts per second it checks. Prints a small markdown table.
import { findIdentifyingData } from '../server/contracts/anonymity.ts';
import { identifyingCorpus, ordinaryCorpus } from '../tests/unit/anonymity-corpus.ts';

const n = Number(process.argv[2] ?? 10_000);
const identifying = identifyingCorpus(n, 1);
const ordinary = ordinaryCorpus(n, 2);

const refusedCount = (texts: string[]) => texts.filter((t) => findIdentifyingData(t).length > 0).length;
const percent = (texts: string[]) => {
  const count = refusedCount(texts);
  return `${((count / texts.length) * 100).toFixed(1)} % (${count.toLocaleString('sv-SE')})`;
};

// Warm up the JIT once, then time several passes over both corpora.
refusedCount(identifying);
refusedCount(ordinary);
const passes = 5;
const t0 = performance.now();
for (let i = 0; i < passes; i++) {
  for (const t of identifying) findIdentifyingData(t);
  for (const t of ordinary) findIdentifyingData(t);
}
const seconds = (performance.now() - t0) / 1000;
const perSecond = Math.round((passes * (identifying.length + ordinary.length)) / seconds);

console.log(`Anonymity guard, ${n.toLocaleString('sv-SE')} texts per corpus, Node ${process.version}\n`);
console.log('| Measure | Value |');
console.log('| --- | --- |');
console.log(`| Identifying corpus refused | ${percent(identifying)} |`);
console.log(`| Ordinary corpus refused (false positives) | ${percent(ordinary)} |`);
console.log(`| Throughput | ${perSecond.toLocaleString('sv-SE')} texts/s |`);
