//! Province-assigned targets (`--targets FILE`): one table per indicator id, each replacing the plan's
//! target for that indicator, as note 4 under Table 2 says (若省有下达的、执行省下达指标).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalog::{Catalog, CatalogError, CatalogIssue};
use crate::target::Target;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvinceTarget {
    target: String,
    #[serde(default)]
    source: Option<String>,
}

/// A target the province assigned, and the document that assigned it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvinceTarget {
    pub target: Target,
    pub text: String,
    pub source: Option<String>,
}

/// The province's targets by indicator id.
#[derive(Debug, Clone, Default)]
pub struct ProvinceTargets {
    pub by_id: BTreeMap<String, ProvinceTarget>,
}

impl ProvinceTargets {
    /// Reads a targets file, checking each id against the catalogue and each target against the
    /// language. `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str, catalog: &Catalog) -> Result<ProvinceTargets, CatalogError> {
        let table: BTreeMap<String, toml::Spanned<RawProvinceTarget>> =
            toml::from_str(text).map_err(|e| CatalogError {
                issues: vec![CatalogIssue {
                    file: origin.to_string(),
                    line: e.span().map_or(1, |s| line_at(text, s.start)),
                    item: None,
                    message: e.message().trim().to_string(),
                }],
            })?;
        let mut issues = Vec::new();
        let mut by_id = BTreeMap::new();
        for (id, spanned) in table {
            let line = line_at(text, spanned.span().start);
            let raw = spanned.into_inner();
            let mut issue = |message: String| {
                issues.push(CatalogIssue { file: origin.to_string(), line, item: Some(id.clone()), message })
            };
            if catalog.indicator(&id).is_none_or(|i| i.id != id) {
                let hint = crate::problem::closest(&id, catalog.indicators.iter().map(|i| i.id.as_str()));
                let hint = hint.map(|h| format!(" (did you mean {h}?)")).unwrap_or_default();
                issue(format!("no indicator with id {id:?} in the catalogue{hint}"));
                continue;
            }
            match raw.target.parse::<Target>() {
                Ok(Target::Province) => issue("a province target must give the target itself, not `province`".into()),
                Ok(target) => {
                    by_id.insert(
                        id.clone(),
                        ProvinceTarget { target, text: raw.target.trim().to_string(), source: raw.source },
                    );
                }
                Err(e) => issue(e.to_string()),
            }
        }
        if issues.is_empty() { Ok(ProvinceTargets { by_id }) } else { Err(CatalogError { issues }) }
    }

    pub fn get(&self, id: &str) -> Option<&ProvinceTarget> {
        self.by_id.get(id)
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    #[test]
    fn reads_targets_with_sources() {
        let t = ProvinceTargets::parse(
            "[pm25_central]\ntarget = \"<= 22\"\nsource = \"闽环保〔2022〕1号\"\n",
            "t.toml",
            &catalog(),
        )
        .unwrap();
        let p = t.get("pm25_central").unwrap();
        assert_eq!(p.target.to_string(), "<= 22");
        assert_eq!(p.source.as_deref(), Some("闽环保〔2022〕1号"));
    }

    #[test]
    fn rejects_unknown_ids_bad_targets_and_unknown_keys() {
        let text = "[pm25_centrl]\ntarget = \"<= 22\"\n\n[nox_reduction]\ntarget = \"province\"\n\n[cod_reduction]\ntarget = \"lots\"\n";
        let err = ProvinceTargets::parse(text, "t.toml", &catalog()).unwrap_err().to_string();
        assert!(err.contains("t.toml:1: pm25_centrl: no indicator with id \"pm25_centrl\" in the catalogue (did you mean pm25_central?)"), "{err}");
        assert!(err.contains("t.toml:4: nox_reduction: a province target must give the target itself"), "{err}");
        assert!(err.contains("t.toml:7: cod_reduction: cannot read target \"lots\""), "{err}");
        let err = ProvinceTargets::parse("[pm25_central]\ntarget = \"<= 22\"\nsorce = \"x\"\n", "t.toml", &catalog())
            .unwrap_err();
        assert!(err.to_string().contains("unknown field `sorce`"), "{err}");
    }
}
