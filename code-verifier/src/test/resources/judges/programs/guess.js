const readline = require('readline');
const lines = readline.createInterface({ input: process.stdin });
let lo, hi, mid;
lines.on('line', (line) => {
    line = line.trim();
    if (lo === undefined) {
        lo = 1;
        hi = Number(line);
    } else if (line === '=') {
        lines.close();
        return;
    } else if (line === '<') {
        hi = mid - 1;
    } else {
        lo = mid + 1;
    }
    mid = Math.floor((lo + hi) / 2);
    process.stdout.write(mid + '\n');
});
