// testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
const fs = require('fs');
const [input, output] = process.argv.slice(2);
function fail(message) {
    process.stderr.write(message + '\n');
    process.exit(1);
}
const n = parseInt(fs.readFileSync(input, 'utf8').trim().split(/\s+/)[0], 10);
const text = fs.readFileSync(output, 'utf8').trim();
const tokens = text === '' ? [] : text.split(/\s+/);
if (tokens.length !== n) fail(`expected ${n} numbers, got ${tokens.length}`);
const seen = new Set();
tokens.forEach((token, i) => {
    if (!/^[0-9]+$/.test(token)) fail('not an integer: ' + token);
    const v = Number(token);
    if (v < 1 || v > n || seen.has(v)) fail('not a permutation');
    if (v === i + 1) fail('fixed point at ' + v);
    seen.add(v);
});
process.stderr.write(`a derangement of ${n}\n`);
process.exit(0);
