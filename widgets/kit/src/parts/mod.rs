//! Parts of the checker widgets that more than one widget shows: the DBS certificate questions
//! and the insurance policies (`<careform-dbs-insurance>` and the provider application), and a
//! task's verdict (`<careform-task-scope>` and the provider application). One copy each, so the
//! same questions ask the same things, with the same ids and messages, wherever they appear.

mod dbs;
mod policies;
mod task_result;

pub use dbs::{DbsFields, DbsForm};
pub use policies::{
    EMPLOYERS_LIABILITY, MOTOR, PROFESSIONAL_INDEMNITY, PUBLIC_LIABILITY, Policies, PolicyBlock, PolicyBlocks,
    PolicyForm, PolicyKind,
};
pub use task_result::TaskResult;
