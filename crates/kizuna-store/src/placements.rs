//! Placements written together: an import's rows in one transaction, with
//! the change feed and an audit entry per placement, all or none.

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::fields::Fields;
use kizuna_domain::volunteers::placement::PlacementInput;
use sqlx::AssertSqlSafe;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::record::{Value, bind_all};
use crate::{Store, StoreError, with_pool};

const ENTITY: &str = "placement";

impl Store {
    /// Insert placements kept by `office_id` in one transaction: every one
    /// or none. Their ids, in order.
    pub async fn insert_placements(&self, office_id: Id, inputs: &[PlacementInput]) -> Result<Vec<Id>, StoreError> {
        let mut cols: Vec<&str> = PlacementInput::columns().iter().map(|c| c.name.as_str()).collect();
        cols.push("office_id");
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO placements ({}) VALUES ({}) RETURNING id",
            cols.join(", "),
            marks.join(", ")
        );
        let ids: Vec<Id> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut ids = Vec::with_capacity(inputs.len());
            for input in inputs {
                let mut values = input.write();
                values.push(Value::Int(Some(office_id)));
                let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), values)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, ENTITY, "id"))?;
                ids.push(id);
            }
            let items: Vec<(&str, i64, Option<i64>, Op)> =
                ids.iter().map(|id| (ENTITY, *id, Some(office_id), Op::Upsert)).collect();
            log_change!(tx, System::Volunteers, &items);
            let entries: Vec<NewEntry> = ids
                .iter()
                .map(|id| NewEntry::new(Action::Create, ENTITY, Some(*id)).office(Some(office_id)).detail("import"))
                .collect();
            audit_append!(tx, self, &entries);
            tx.commit().await?;
            ids
        });
        self.note_write(System::Volunteers);
        Ok(ids)
    }
}
