//! The `waba` command: JSON in, JSON out, over the waba library.
//!
//! The contract (keys, exit codes) is `../shared/cli-contract.md`; every decision printed here is made
//! by the library crates. Exit status: 0 done, 1 refused by a rule, 2 usage error.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod attachment;
mod clean;
mod common;
mod compose;
mod config_lint;
mod deliveries;
mod esp;
mod journal;
mod meta_error;
mod options;
mod phone;
mod subscribe;
mod template;
mod tour;
mod tour_delivery;
mod tour_reply;
mod transcript;
mod webhook;
mod window;

/// The `waba` command.
#[derive(Debug, Parser)]
#[command(
    name = "waba",
    version,
    about = "WhatsApp contact-center domain logic, as JSON in and out"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Phone numbers: normalize as the Genesys guide says, with a metadata verdict.
    #[command(subcommand)]
    Phone(phone::PhoneCmd),
    /// Answer one ESP request read on stdin (ValidateContact, InviteToChat).
    Esp(esp::Args),
    /// Turn one webhook body read on stdin into interactions, statuses and errors.
    Webhook(webhook::Args),
    /// Answer Meta's subscription handshake (hub.mode, hub.verify_token, hub.challenge).
    Subscribe(subscribe::Args),
    /// The 24-hour customer-service window at a given time.
    Window(window::Args),
    /// Decide what to do with an agent's draft read on stdin.
    Compose(compose::Args),
    /// Notification templates.
    #[command(subcommand)]
    Template(template::TemplateCmd),
    /// Attachments.
    #[command(subcommand)]
    Attachment(attachment::AttachmentCmd),
    /// Play a short scripted conversation through the library and print each step.
    Tour(tour::Args),
    /// The deployment: check a bundle of settings against the guide.
    #[command(subcommand)]
    Config(config_lint::ConfigCmd),
    /// The transcript an agent desktop shows, from JSON lines of sends and webhooks on stdin.
    Transcript(transcript::Args),
    /// Meta's error catalog: title, class, whether to retry, what to do, one line per CODE.
    Error(meta_error::Args),
    /// The delivery ledger of sends and webhooks read as JSON lines on stdin.
    Deliveries(deliveries::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Phone(c) => phone::run(c),
        Cmd::Esp(a) => esp::run(a),
        Cmd::Webhook(a) => webhook::run(a),
        Cmd::Subscribe(a) => subscribe::run(a),
        Cmd::Window(a) => window::run(a),
        Cmd::Compose(a) => compose::run(a),
        Cmd::Template(c) => template::run(c),
        Cmd::Attachment(c) => attachment::run(c),
        Cmd::Tour(a) => tour::run(a),
        Cmd::Config(c) => config_lint::run(c),
        Cmd::Transcript(a) => transcript::run(a),
        Cmd::Error(a) => meta_error::run(a),
        Cmd::Deliveries(a) => deliveries::run(a),
    }
}
