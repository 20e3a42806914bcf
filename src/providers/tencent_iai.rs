//! Tencent Cloud Face Recognition `CreateGroup`, Version 2018-03-01, host
//! `iai.tencentcloudapi.com`. Seed 001; research/providers.md §2.

use crate::issue::Severity;
use crate::rules::charset::{CharsetRule, GROUP_ID, HAN_ALNUM_DASH_UNDERSCORE};
use crate::rules::length::{Limit, Unit};
use crate::rules::Pcode;
use crate::spec::{Field, Kind, List, Requirement, Text, Unique};

/// "Group name; 1-60 characters" (seed 001).
pub const GROUP_NAME_MAX_CHARS: usize = 60;
/// "It can contain letters, digits, and -%@#&_ of up to 64 B" (seed 001): bytes, not characters.
pub const GROUP_ID_MAX_BYTES: usize = 64;
/// "Up to 5 ones can be created" (seed 001).
pub const EX_DESCRIPTIONS_MAX_ITEMS: usize = 5;
/// "Each custom description field can contain 1-30 characters" (seed 001).
pub const EX_DESCRIPTION_MAX_CHARS: usize = 30;
/// "Group tag of [0, 40] characters" (seed 001).
pub const TAG_MAX_CHARS: usize = 40;
/// `FaceModelVersion`: "2.0" or "3.0" (research §2.2, SDK models.py).
pub const FACE_MODEL_VERSIONS: [&str; 2] = ["2.0", "3.0"];

const fn code(c: &'static str) -> Pcode {
    Pcode::Text(c)
}

const fn chars(n: usize, severity: Severity, pcode: Pcode) -> Option<Limit> {
    Some(Limit {
        n,
        unit: Unit::Chars,
        severity,
        code: pcode,
    })
}

/// The name charset: "只支持中英文、-、_、数字". Lenient mode downgrades it because the English
/// seed's samples use spaces, although the Chinese originals they were translated from do not
/// (research §2.3).
const fn han_charset(pcode: Pcode) -> Option<CharsetRule> {
    Some(CharsetRule {
        charset: &HAN_ALNUM_DASH_UNDERSCORE,
        severity: Severity::ErrorUnlessLenient,
        code: pcode,
    })
}

pub static FIELDS: [Field; 5] = [
    Field {
        name: "GroupName",
        required: Requirement::Required(Pcode::None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: chars(1, Severity::Error, Pcode::None),
            max: chars(
                GROUP_NAME_MAX_CHARS,
                Severity::Error,
                code("InvalidParameterValue.GroupNameTooLong"),
            ),
            charset: han_charset(code("InvalidParameterValue.GroupNameIllegal")),
        }),
    },
    Field {
        name: "GroupId",
        required: Requirement::Required(Pcode::None),
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: Some(Limit {
                n: 1,
                unit: Unit::Bytes,
                severity: Severity::Error,
                code: Pcode::None,
            }),
            max: Some(Limit {
                n: GROUP_ID_MAX_BYTES,
                unit: Unit::Bytes,
                severity: Severity::Error,
                code: code("InvalidParameterValue.GroupIdTooLong"),
            }),
            // Not downgraded by lenient: the seed's own sample 4 shows this rule enforced.
            charset: Some(CharsetRule {
                charset: &GROUP_ID,
                severity: Severity::Error,
                code: code("InvalidParameterValue.GroupIdIllegal"),
            }),
        }),
    },
    Field {
        name: "GroupExDescriptions",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Texts(
            List {
                min_items: None,
                max_items: Some((
                    EX_DESCRIPTIONS_MAX_ITEMS,
                    code("InvalidParameterValue.GroupExDescriptionsExceed"),
                )),
                unique: Some(Unique {
                    key: None,
                    severity: Severity::Error,
                    code: code("InvalidParameterValue.GroupExDescriptionsNameIdentical"),
                }),
            },
            Text {
                not_blank: None,
                min: chars(1, Severity::Error, Pcode::None),
                max: chars(
                    EX_DESCRIPTION_MAX_CHARS,
                    Severity::Error,
                    code("InvalidParameterValue.GroupExDescriptionsNameTooLong"),
                ),
                charset: han_charset(code("InvalidParameterValue.GroupExDescriptionsNameIllegal")),
            },
        ),
    },
    Field {
        name: "Tag",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Text(Text {
            not_blank: None,
            min: None,
            max: chars(
                TAG_MAX_CHARS,
                Severity::Error,
                code("InvalidParameterValue.GroupTagTooLong"),
            ),
            charset: han_charset(code("InvalidParameterValue.GroupTagIllegal")),
        }),
    },
    Field {
        name: "FaceModelVersion",
        required: Requirement::Optional,
        nullable: false,
        kind: Kind::Choice(
            &FACE_MODEL_VERSIONS,
            code("InvalidParameterValue.FaceModelVersionIllegal"),
        ),
    },
];
