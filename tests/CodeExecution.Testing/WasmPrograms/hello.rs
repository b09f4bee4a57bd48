// Rust for wasm32-wasi (Debian's rustc and its wasm32 standard library): stdin, arguments and an exit code.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let args: Vec<String> = std::env::args().collect();
    println!("rust read {} bytes, args {:?}", input.len(), &args[1..]);
    println!("{}", input.trim().to_uppercase());
    std::process::exit(args.len() as i32);
}
