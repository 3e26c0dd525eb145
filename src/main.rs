fn main() -> std::process::ExitCode {
    nano::cli::main()
}
