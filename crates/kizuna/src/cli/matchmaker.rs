//! `kizuna match`: ranked counterparts and the matchmaker's evaluation.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use kizuna_app::matchmaker::{Asked, evaluate_links_file};
use kizuna_domain::matchmaker::{Evaluation, Explanation, Level, Scorer, Suggestions};
use kizuna_i18n::Lang;

use super::{SimpleFormat, open};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MatchArgs {
    #[command(subcommand)]
    what: Option<MatchCmd>,
    /// The locality to find counterparts for: its key or its name in any language.
    #[arg(long, conflicts_with = "organisation")]
    locality: Option<String>,
    /// The organisation to find counterparts for: its key or its name in any language.
    #[arg(long)]
    organisation: Option<String>,
    /// How many counterparts to list.
    #[arg(long, default_value_t = 10)]
    k: usize,
    /// The scorer that ranks them (the baselines only rank, they do not explain).
    #[arg(long, value_enum, default_value_t = ScorerArg::Matchmaker)]
    scorer: ScorerArg,
    /// The language of names and reasons: en, ja, th or ms.
    #[arg(long, default_value = "en")]
    lang: String,
    #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
    format: SimpleFormat,
}

#[derive(Subcommand)]
enum MatchCmd {
    /// Leave-one-out over the recorded links (or a links file): each link
    /// hidden in turn, its partner ranked among the candidates, ties
    /// counted against the method; hit@5, MRR and coverage@10 beside the
    /// popularity and Adamic–Adar baselines.
    Evaluate {
        /// A CSV (or XLSX) of links instead of the database: the header
        /// from,to and optionally from_country,to_country (ISO codes) and
        /// themes (words separated by spaces or semicolons).
        #[arg(long)]
        links: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ScorerArg::Matchmaker)]
        scorer: ScorerArg,
        /// party: find the exact partner; country: find the partner's country.
        #[arg(long, value_enum, default_value_t = LevelArg::Party)]
        level: LevelArg,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ScorerArg {
    Matchmaker,
    Popularity,
    #[value(name = "adamic_adar", alias = "adamic-adar")]
    AdamicAdar,
    Constant,
}

impl From<ScorerArg> for Scorer {
    fn from(s: ScorerArg) -> Scorer {
        match s {
            ScorerArg::Matchmaker => Scorer::Matchmaker,
            ScorerArg::Popularity => Scorer::Popularity,
            ScorerArg::AdamicAdar => Scorer::AdamicAdar,
            ScorerArg::Constant => Scorer::Constant,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Party,
    Country,
}

pub async fn run(url: &str, args: MatchArgs) -> anyhow::Result<()> {
    if let Some(MatchCmd::Evaluate {
        links,
        scorer,
        level,
        format,
    }) = args.what
    {
        let level = match level {
            LevelArg::Party => Level::Party,
            LevelArg::Country => Level::Country,
        };
        let e = match links {
            Some(path) => {
                let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
                evaluate_links_file(&path.to_string_lossy(), &bytes, scorer.into(), level)?
            }
            None => open(url).await?.evaluate_matchmaker(scorer.into(), level).await?,
        };
        return print_evaluation(&e, format);
    }
    let lang = Lang::from_code(&args.lang).ok_or_else(|| anyhow::anyhow!("--lang: say en, ja, th or ms"))?;
    let asked = match (&args.locality, &args.organisation) {
        (Some(n), _) => Asked::Locality(n),
        (None, Some(n)) => Asked::Organisation(n),
        (None, None) => anyhow::bail!(
            "say whom to match: kizuna match --locality NAME or --organisation NAME (or kizuna match evaluate)"
        ),
    };
    let app = open(url).await?;
    let s = app.match_party(asked, args.k, args.scorer.into(), lang).await?;
    match args.format {
        SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&s)?),
        SimpleFormat::Table => print_suggestions(&s)?,
    }
    Ok(())
}

fn print_suggestions(s: &Suggestions) -> anyhow::Result<()> {
    outln!(
        "{} ({}): {} counterparts ranked by {}; known partners left out: {}",
        s.party.label,
        s.party.key,
        s.candidates,
        s.scorer.as_str(),
        if s.partners.is_empty() {
            "none".to_owned()
        } else {
            s.partners
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    for x in &s.suggestions {
        let country = x.country.map(|c| c.to_string()).unwrap_or_default();
        outln!(
            "{:>3}  {} ({}) {}  score {:.3}",
            x.rank,
            x.party.label,
            x.party.key,
            country,
            x.score
        );
        if let Some(ex) = &x.explanation {
            for line in explain(ex, &s.party.label, &x.party.label) {
                outln!("       {line}");
            }
        }
    }
    Ok(())
}

/// An explanation as lines of text, every piece of evidence by id.
fn explain(ex: &Explanation, query: &str, candidate: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for m in &ex.meets {
        let (by, to) = if m.query_offers {
            (query, candidate)
        } else {
            (candidate, query)
        };
        lines.push(format!("{} ({by}) meets {} ({to}) on {}", m.offer, m.need, m.theme));
    }
    if ex.mutual {
        lines.push("offers meet needs both ways".to_owned());
    }
    if !ex.shared_themes.is_empty() {
        lines.push(format!("shared themes: {}", ex.shared_themes.join(", ")));
    }
    for v in &ex.closeness {
        let through: Vec<&str> = v.through.iter().map(|n| n.label.as_str()).collect();
        let links: Vec<String> = v.links.iter().map(ToString::to_string).collect();
        lines.push(format!("linked through {} ({})", through.join(" → "), links.join(", ")));
    }
    for r in &ex.resembles {
        let link: Vec<String> = r.link.iter().map(ToString::to_string).collect();
        let outcomes: Vec<String> = r.outcomes.iter().map(ToString::to_string).collect();
        lines.push(format!(
            "resembles {} – {} ({}) on {}, which produced {}",
            r.between[0].label,
            r.between[1].label,
            link.join(", "),
            r.themes.join(", "),
            outcomes.join(", ")
        ));
    }
    lines.push(format!("{} known partner(s)", ex.partners));
    lines
}

fn print_evaluation(e: &Evaluation, format: SimpleFormat) -> anyhow::Result<()> {
    match format {
        SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(e)?),
        SimpleFormat::Table => {
            outln!("{:<12}  {:>6}  {:>6}  {:>11}", "scorer", "hit@5", "MRR", "coverage@10");
            for (name, f) in [
                (e.scorer.as_str(), &e.figures),
                ("popularity", &e.baselines.popularity),
                ("adamic_adar", &e.baselines.adamic_adar),
            ] {
                outln!(
                    "{:<12}  {:>6.3}  {:>6.3}  {:>11.3}",
                    name,
                    f.hit_at_5,
                    f.mrr,
                    f.coverage_at_10
                );
            }
            outln!(
                "{} links evaluated ({} skipped), level {}, ties {}",
                e.links,
                e.skipped,
                match e.level {
                    Level::Party => "party",
                    Level::Country => "country",
                },
                e.tie_breaking
            );
            outln!("protocol: {}", e.protocol);
        }
    }
    Ok(())
}
