// Quickstart suite "checkout_flow": a deterministic cart total, checked against its expected
// value. Plain exit-status suite: 0 = pass.
const cart = [
  { sku: "book", cents: 1299, qty: 2 },
  { sku: "pen", cents: 199, qty: 5 },
];
const total = cart.reduce((sum, line) => sum + line.cents * line.qty, 0);
console.log(`checkout_flow: total ${total} cents (seed ${process.env.TEST_SEED})`);
process.exit(total === 3593 ? 0 : 1);
