//! Print the lines the PDF reader synthesizes, optionally ignoring the
//! ruling lines (`--ignore-rules`): a debugging aid for the reader.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdf_lines FILE.pdf [--ignore-rules]");
        std::process::exit(64);
    };
    let options = juesuan::pdf::ReadOptions {
        ignore_rules: args.iter().any(|a| a == "--ignore-rules"),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match juesuan::pdf::read_with(path, &bytes, options) {
        Ok((source, issues)) => {
            for (i, l) in source.lines.iter().enumerate() {
                let p = source.positions.get(i).copied().flatten();
                let pos = p
                    .map(|p| format!("p{} {:.0},{:.0}", p.page, p.x, p.y))
                    .unwrap_or_default();
                println!("{}\t{pos}\t{}", i + 1, l.replace('\t', " │ "));
            }
            for i in issues {
                eprintln!("{}:{}: {}", i.code, i.line, i.message);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
