// Interactor of "guess the number" (as guess-interactor.cpp): 0 accepted, 1 wrong answer.
const fs = require('fs');
const readline = require('readline');
const [n, x] = fs.readFileSync(process.argv[2], 'utf8').trim().split(/\s+/).map(Number);
const allowed = Math.ceil(Math.log2(n)) + 1;
let queries = 0;
function end(code, message) {
    process.stderr.write(message + '\n');
    process.exit(code);
}
process.stdout.write(n + '\n');
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
    queries++;
    if (!/^\s*-?[0-9]+\s*$/.test(line)) end(1, 'not a number');
    const guess = Number(line);
    if (queries > allowed) end(1, `more than ${allowed} guesses`);
    if (guess === x) {
        process.stdout.write('=\n');
        end(0, `found ${x} in ${queries} guesses`);
    }
    process.stdout.write(guess > x ? '<\n' : '>\n');
});
lines.on('close', () => end(1, 'the program ended before finding the number'));
