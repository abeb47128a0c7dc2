//! Every flag, argument and choice of every command says what it means in `--help` (and so in the man page).

use clap::CommandFactory;
use plan_check::cli::Cli;

/// Every command reachable from `plan-check`, with its full name.
fn commands() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command();
    root.build();
    let mut all = vec![("plan-check".to_string(), root.clone())];
    for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
        all.push((format!("plan-check {}", sub.get_name()), sub.clone()));
    }
    all
}

#[test]
fn every_command_says_what_it_does() {
    for (name, cmd) in commands() {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(!about.trim().is_empty(), "{name} has no description");
    }
}

#[test]
fn every_flag_says_what_it_means() {
    let mut silent = Vec::new();
    for (name, cmd) in commands() {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let help = arg.get_long_help().or(arg.get_help()).map(|h| h.to_string()).unwrap_or_default();
            if help.trim().is_empty() {
                silent.push(format!("{name} --{}", arg.get_id()));
            }
        }
    }
    assert!(silent.is_empty(), "flags without help: {silent:?}");
}

#[test]
fn every_choice_says_what_it_means() {
    let mut silent = Vec::new();
    for (name, cmd) in commands() {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            for value in arg.get_possible_values().iter().filter(|v| !v.is_hide_set()) {
                if value.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    silent.push(format!("{name} --{} {}", arg.get_id(), value.get_name()));
                }
            }
        }
    }
    assert!(silent.is_empty(), "choices without help: {silent:?}");
}

#[test]
fn the_help_of_year_fits_the_command() {
    // validate has no evaluation year, so its --year says only how rows are dated.
    let help = |sub: &str| {
        let cmd = Cli::command();
        let sub = cmd.find_subcommand(sub).expect("subcommand").clone();
        let year = sub.get_arguments().find(|a| a.get_id() == "year").expect("--year").clone();
        year.get_help().map(|h| h.to_string()).unwrap_or_default()
    };
    assert!(help("eval").starts_with("The year to evaluate"), "{}", help("eval"));
    assert!(!help("validate").contains("evaluate"), "{}", help("validate"));
}
