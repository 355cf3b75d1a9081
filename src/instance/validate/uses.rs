//! The instance's catalogue of uses (`[[uses]]`): ids, roles and GB/T 21010-2017 classes checked against the standard and each other.

use super::*;

/// The instance's uses: `[[uses]]` when it declares them, else the built-in six.
pub(super) fn catalogue(ctx: &mut Ctx, mf: &str, m: &InstanceFile) -> Uses {
    if m.uses.is_empty() {
        return Uses::builtin();
    }
    let mut seen = HashSet::new();
    for (i, u) in m.uses.iter().enumerate() {
        let rec = format!("uses[{i}] ({})", u.id);
        let word = !u.id.is_empty()
            && u.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !word {
            ctx.push(mf, &rec, "id", format!("`{}`: expected a word of lower-case letters, digits and `_` (it names the columns value_<id> and cost_<id>)", u.id));
        }
        if !seen.insert(u.id.as_str()) {
            ctx.push(
                mf,
                &rec,
                "id",
                format!("duplicate use `{}`: ids must be unique", u.id),
            );
        }
        match land_class::lookup(&u.class) {
            Some(c) if c.is_second_level() => {
                let first = &u.class[..2];
                if !u.role.classes().contains(&first) {
                    let allowed: Vec<String> = u
                        .role
                        .classes()
                        .iter()
                        .filter_map(|c| land_class::lookup(c))
                        .map(|c| format!("{} {}", c.code, c.name_zh))
                        .collect();
                    ctx.push(
                        mf,
                        &rec,
                        "class",
                        format!(
                        "{} {} is not land a use of role `{}` can be: expected a class under {}",
                        c.code, c.name_zh, u.role, allowed.join(", ")
                    ),
                    );
                }
            }
            _ => ctx.push(mf, &rec, "class", land_class::explain_unknown(&u.class)),
        }
        for (field, name) in [("name_zh", &u.name_zh), ("name_en", &u.name_en)] {
            if name.trim().is_empty() {
                ctx.push(mf, &rec, field, "expected the use's display name");
            }
        }
    }
    if m.uses.len() > 64 {
        ctx.push(mf, "uses", "", format!("{} uses: expected at most 64: every unit carries a value and cost per use, and a plan's target uses are a dozen or so", m.uses.len()));
    }
    Uses::new(m.uses.iter().map(|u| crate::instance::uses::UseDef {
        id: u.id.clone(),
        index: 0,
        role: u.role,
        class: u.class.clone(),
        name_zh: u.name_zh.clone(),
        name_en: u.name_en.clone(),
    }))
}
