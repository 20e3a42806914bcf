//! GeeLark open API: `POST https://openapi.geelark.com/open/v1/group/add` (batch).
//! Seed 000; research/providers.md §1.

use crate::issue::Severity;
use crate::rules::length::{Limit, Unit};
use crate::rules::Pcode;
use crate::spec::{Field, Kind, List, Requirement, Text, Unique};

/// "Group name, up to 50 characters" (seed 000).
pub const NAME_MAX_CHARS: usize = 50;
/// "Group remark, up to 500 characters" (seed 000).
pub const REMARK_MAX_CHARS: usize = 500;
/// "43030 | Group name is empty" (seed 000).
pub const NAME_EMPTY: i64 = 43030;
/// "43031 | Group name already exists" (seed 000). A name repeated within one batch cannot
/// be created twice either, so the repeat is reported with the same code.
pub const NAME_EXISTS: i64 = 43031;

static ITEM_FIELDS: [Field; 2] = [
    Field {
        name: "name",
        required: Requirement::Required(Pcode::None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: Some(Pcode::Number(NAME_EMPTY)),
            min: None,
            max: Some(Limit {
                n: NAME_MAX_CHARS,
                unit: Unit::Chars,
                severity: Severity::Error,
                code: Pcode::None,
            }),
            charset: None,
        }),
    },
    Field {
        name: "remark",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: Some(Limit {
                n: REMARK_MAX_CHARS,
                unit: Unit::Chars,
                severity: Severity::Error,
                code: Pcode::None,
            }),
            charset: None,
        }),
    },
];

/// `list`: "Group data list", required, `array[GroupItem]`. No maximum is documented for
/// group/add (research §1.5), so none is enforced.
pub static FIELDS: [Field; 1] = [Field {
    name: "list",
    required: Requirement::Required(Pcode::None),
    nullable: false,
    kind: Kind::Objects(
        List {
            min_items: Some((1, Pcode::None)),
            max_items: None,
            unique: Some(Unique {
                key: Some("name"),
                severity: Severity::Error,
                code: Pcode::Number(NAME_EXISTS),
            }),
        },
        &ITEM_FIELDS,
    ),
}];
