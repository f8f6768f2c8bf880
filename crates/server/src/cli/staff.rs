//! `careform staff add|remove|list`: staff accounts, their roles and the forms they handle.

use careform_server::store;
use careform_server::store::inbox::Role;
use clap::{Args, Subcommand};

use crate::{StoreArgs, data_dir_and_db, file_config};

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Create an account, or set a new password for one (which ends its sessions). The password
    /// is read from standard input (prompted without echo on a terminal); at least 12 characters.
    /// A new account is an officer with no forms unless --role and --form say otherwise; an
    /// existing one keeps its role and forms unless they are given.
    Add {
        /// The username to sign in with.
        username: String,
        #[command(flatten)]
        access: AccessArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Set an account's role and/or forms without touching its password.
    Access {
        /// The account.
        username: String,
        #[command(flatten)]
        access: AccessArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Delete an account; its sessions end at once. Exit 0 removed, 1 no such account, 2 error.
    Remove {
        /// The account.
        username: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print every account: username, role, forms (tab-separated).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Args)]
pub struct AccessArgs {
    /// officer (reads and decides the forms given) or admin (also manages accounts' access).
    #[arg(long, value_parser = ["officer", "admin"])]
    role: Option<String>,
    /// A form whose submissions the account reads and decides (repeatable; replaces the list).
    #[arg(long = "form", value_name = "ID")]
    forms: Vec<String>,
    /// Take every form away from the account.
    #[arg(long, conflicts_with = "forms")]
    no_forms: bool,
}

impl AccessArgs {
    fn role(&self) -> Option<Role> {
        self.role.as_deref().and_then(Role::parse)
    }
    fn forms(&self) -> Result<Option<Vec<String>>, String> {
        if self.no_forms {
            return Ok(Some(vec![]));
        }
        if self.forms.is_empty() {
            return Ok(None);
        }
        for f in &self.forms {
            if careform_rules::forms().all(|d| d.id != f) {
                return Err(format!("there is no form {f:?}; `careform forms` lists them"));
            }
        }
        Ok(Some(self.forms.clone()))
    }
}

fn open(args: &StoreArgs) -> Result<Box<dyn store::Store>, String> {
    let file = file_config(args)?;
    let (_, database_url) = data_dir_and_db(args, &file);
    store::open(&database_url, false).map_err(|e| e.to_string())
}

/// Runs a `careform staff` command; `Ok(false)` when the account named does not exist.
pub fn run(command: StaffCommand) -> Result<bool, String> {
    match command {
        StaffCommand::Add { username, access, store } => add(&username, &access, &store).map(|()| true),
        StaffCommand::Access { username, access, store } => {
            let forms = access.forms()?;
            let done =
                open(&store)?.set_access(&username, access.role(), forms.as_deref()).map_err(|e| e.to_string())?;
            if done {
                eprintln!("careform: access of {username:?} saved");
            } else {
                eprintln!("careform: there is no account {username:?}");
            }
            Ok(done)
        }
        StaffCommand::Remove { username, store } => {
            let done = open(&store)?.remove_staff(&username).map_err(|e| e.to_string())?;
            if done {
                eprintln!("careform: account {username:?} removed; its sessions have ended");
            } else {
                eprintln!("careform: there is no account {username:?}");
            }
            Ok(done)
        }
        StaffCommand::List { store } => {
            for a in open(&store)?.accounts().map_err(|e| e.to_string())? {
                println!("{}\t{}\t{}", a.username, a.role.as_str(), a.forms.join(","));
            }
            Ok(true)
        }
    }
}

fn add(username: &str, access: &AccessArgs, args: &StoreArgs) -> Result<(), String> {
    use std::io::{BufRead as _, IsTerminal as _};
    let username = username.trim();
    if username.is_empty() || username.len() > 100 || username.contains(char::is_whitespace) {
        return Err("a username is 1 to 100 characters with no spaces".into());
    }
    let forms = access.forms()?;
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Password for {username}: ")).map_err(|e| e.to_string())?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the password: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.chars().count() < 12 {
        return Err("the password must be at least 12 characters".into());
    }
    let store = open(args)?;
    let hash = careform_server::staff::hash_password(&password)?;
    store.put_staff(username, &hash, chrono::Utc::now().timestamp()).map_err(|e| e.to_string())?;
    // A new password ends every session signed in with the old one.
    let ended = store.end_sessions(username).map_err(|e| e.to_string())?;
    store.set_access(username, access.role(), forms.as_deref()).map_err(|e| e.to_string())?;
    let account = store.account(username).map_err(|e| e.to_string())?.ok_or("the account vanished")?;
    eprintln!(
        "careform: staff account {username:?} saved ({}, forms: {}){}",
        account.role.as_str(),
        if account.forms.is_empty() { "none".to_owned() } else { account.forms.join(", ") },
        if ended > 0 { format!("; {ended} session(s) ended") } else { String::new() }
    );
    Ok(())
}
