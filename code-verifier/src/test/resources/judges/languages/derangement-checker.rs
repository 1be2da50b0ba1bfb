// testlib protocol without testlib: checker <input> <output> <answer>; 0 accepted, 1 wrong answer.
use std::{env, fs, process};

fn fail(message: &str) -> ! {
    eprintln!("{}", message);
    process::exit(1)
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let input = fs::read_to_string(&args[1]).expect("input");
    let n: usize = input.split_whitespace().next().expect("n").parse().expect("n");
    let bytes = fs::read(&args[2]).expect("output");
    let output = String::from_utf8_lossy(&bytes);
    let tokens: Vec<&str> = output.split_whitespace().collect();
    if tokens.len() != n {
        fail(&format!("expected {} numbers, got {}", n, tokens.len()));
    }
    let mut seen = vec![false; n + 1];
    for (i, token) in tokens.iter().enumerate() {
        let v: usize = token.parse().unwrap_or_else(|_| fail("not an integer"));
        if v < 1 || v > n || seen[v] {
            fail("not a permutation");
        }
        if v == i + 1 {
            fail(&format!("fixed point at {}", v));
        }
        seen[v] = true;
    }
    eprintln!("a derangement of {}", n);
}
