//! `careform check` and `careform rules`: the rules offline, on standard input.

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct RulesArgs {
    /// Only this form's rules (e.g. dbs-insurance).
    #[arg(long)]
    form: Option<String>,
    /// `json`: an array of {"id","form","title","outcome","source","cites"}; `markdown`: a table per
    /// form, as the README's "Rules" section holds it.
    #[arg(long, value_enum, default_value_t = RulesFormat::Json)]
    format: RulesFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum RulesFormat {
    Json,
    Markdown,
}

#[derive(Args)]
pub struct CheckArgs {
    /// A built-in policy profile: bexley-homecare or somerset-micro-provider (default: the one the
    /// form's widget uses: bexley-homecare for task-scope and key-holding, somerset-micro-provider for
    /// dbs-insurance, gift-register and provider-application).
    #[arg(long, conflicts_with = "profile_file")]
    profile: Option<String>,
    /// A council's own profile, as JSON (see README, "Task scope profiles").
    #[arg(long)]
    profile_file: Option<PathBuf>,
    /// The date to check as of, YYYY-MM-DD (default: today in --time-zone).
    #[arg(long)]
    today: Option<String>,
    /// The council's time zone (IANA name) whose calendar date is "today" when --today is not given.
    #[arg(long, default_value = "Europe/London")]
    time_zone: String,
    /// Print a complete input that passes on --today instead of checking one (for the forms that
    /// provide an example: provider-application).
    #[arg(long, conflicts_with_all = ["profile", "profile_file"])]
    example: bool,
}

/// Largest input `check` reads from standard input.
const MAX_CHECK_INPUT: u64 = 1024 * 1024;
/// Largest profile file `check` reads.
const MAX_PROFILE_FILE: u64 = 256 * 1024;

/// The profile, the date and standard input that every `careform check` reads.
fn check_inputs(
    args: &CheckArgs,
    default_profile: &str,
) -> Result<(careform_rules::task_scope::Profile, chrono::NaiveDate, Vec<u8>), String> {
    use careform_rules::task_scope::Profile;
    use std::io::Read as _;
    let profile = match (&args.profile, &args.profile_file) {
        (_, Some(path)) => {
            let mut text = String::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_PROFILE_FILE + 1).read_to_string(&mut text))
                .map_err(|e| format!("cannot read the profile file {}: {e}", path.display()))?;
            if text.len() as u64 > MAX_PROFILE_FILE {
                return Err(format!("the profile file is larger than {MAX_PROFILE_FILE} bytes"));
            }
            Profile::from_json(&text).map_err(|e| e.to_string())?
        }
        (Some(name), None) => Profile::built_in(name).map_err(|e| format!("--profile: {e}"))?,
        (None, None) => Profile::built_in(default_profile).map_err(|e| e.to_string())?,
    };
    let today = today(args)?;
    let mut input = Vec::new();
    std::io::stdin()
        .take(MAX_CHECK_INPUT + 1)
        .read_to_end(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if input.len() as u64 > MAX_CHECK_INPUT {
        return Err(format!("the input is larger than {MAX_CHECK_INPUT} bytes"));
    }
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err("no input: pipe the form's JSON on standard input (see README)".into());
    }
    Ok((profile, today, input))
}

/// The day to check as of: --today, else today's date in --time-zone.
fn today(args: &CheckArgs) -> Result<chrono::NaiveDate, String> {
    Ok(match &args.today {
        Some(t) => careform_rules::date::parse_iso(t)
            .ok_or_else(|| format!("--today: {t:?} is not a real date in the form YYYY-MM-DD"))?,
        None => careform_server::config::council_today(
            chrono::Utc::now(),
            careform_server::config::parse_time_zone(&args.time_zone).map_err(|e| format!("--time-zone: {e}"))?,
        ),
    })
}

/// `careform check <form>`: the form's standalone check, through its registered entry; with
/// `--example`, the example the entry provides.
pub fn check(form: &str, args: &CheckArgs) -> Result<String, String> {
    let standalone = careform_rules::entry(form).and_then(|f| f.standalone.as_ref()).ok_or_else(|| {
        format!("there is no offline check for {form:?}; the forms that have one are {}", standalone_forms().join(", "))
    })?;
    if args.example {
        let example = standalone.example.ok_or_else(|| {
            let with: Vec<&str> = careform_rules::FORMS
                .iter()
                .filter(|f| f.standalone.as_ref().is_some_and(|s| s.example.is_some()))
                .map(|f| f.definition.id)
                .collect();
            format!("--example: {form} has no example; the forms that have one are {}", with.join(", "))
        })?;
        return Ok(example(today(args)?));
    }
    let (profile, today, input) = check_inputs(args, standalone.default_profile)?;
    (standalone.check)(&input, &profile, today)
}

/// The ids of the forms `careform check` takes.
pub fn standalone_forms() -> Vec<&'static str> {
    careform_rules::FORMS.iter().filter(|f| f.standalone.is_some()).map(|f| f.definition.id).collect()
}

/// The registry, rendered by the rules crate (the README's tables come from the same function).
pub fn rules(args: &RulesArgs) -> Result<String, String> {
    use careform_rules::registry;
    if let Some(id) = &args.form
        && careform_rules::entry(id).is_none()
    {
        let ids: Vec<&str> = careform_rules::forms().map(|f| f.id).collect();
        return Err(format!("--form: there is no form {id:?}; the forms are {}", ids.join(", ")));
    }
    let form = args.form.as_deref();
    Ok(match args.format {
        RulesFormat::Json => registry::json(form) + "\n",
        RulesFormat::Markdown => registry::markdown(form),
    })
}
