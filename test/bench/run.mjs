// `pnpm bench`: the benchmark harness arrives with the Reports issue (invoices report at a million
// invoices, side by side with PostGraphile and raw SQL). Until then there is nothing to measure.
console.log('No benchmarks yet: they arrive with the Reports issue.');
