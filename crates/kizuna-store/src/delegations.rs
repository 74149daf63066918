//! Delegations written together: an import's rows, each with its members,
//! in one transaction, with the change feed and an audit entry per record,
//! all or none.

use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::exchanges::delegation::{DelegationInput, DelegationMemberInput};
use kizuna_domain::fields::Fields;
use sqlx::AssertSqlSafe;

use crate::audit::{Action, NewEntry, audit_append};
use crate::changes::{Op, log_change};
use crate::record::{Value, bind_all};
use crate::{Store, StoreError, with_pool};

fn insert_sql(table: &str, columns: &[kizuna_domain::fields::Column]) -> String {
    let mut cols: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    cols.push("office_id");
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({}) RETURNING id",
        cols.join(", "),
        marks.join(", ")
    )
}

impl Store {
    /// Insert delegations kept by `office_id`, each with its members (whose
    /// `delegation_id` is set to the new delegation's), in one transaction:
    /// every one or none. The delegations' ids, in order.
    pub async fn insert_delegations(
        &self,
        office_id: Id,
        rows: &[(DelegationInput, Vec<DelegationMemberInput>)],
    ) -> Result<Vec<Id>, StoreError> {
        let delegation_sql = insert_sql("delegations", DelegationInput::columns());
        let member_sql = insert_sql("delegation_members", DelegationMemberInput::columns());
        let ids: Vec<Id> = with_pool!(self, p => {
            let mut tx = p.begin().await?;
            let mut ids = Vec::with_capacity(rows.len());
            let mut items: Vec<(&str, i64, Option<i64>, Op)> = Vec::new();
            let mut entries: Vec<NewEntry> = Vec::new();
            for (delegation, members) in rows {
                let mut values = delegation.write();
                values.push(Value::Int(Some(office_id)));
                let id: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(delegation_sql.as_str())), values)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| StoreError::from_write(e, "delegation", "id"))?;
                ids.push(id);
                items.push(("delegation", id, Some(office_id), Op::Upsert));
                entries.push(NewEntry::new(Action::Create, "delegation", Some(id)).office(Some(office_id)).detail("import"));
                for m in members {
                    let mut m = m.clone();
                    m.delegation_id = id;
                    let mut values = m.write();
                    values.push(Value::Int(Some(office_id)));
                    let mid: i64 = bind_all!(sqlx::query_scalar(AssertSqlSafe(member_sql.as_str())), values)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| StoreError::from_write(e, "delegation_member", "person_id"))?;
                    items.push(("delegation_member", mid, Some(office_id), Op::Upsert));
                    entries.push(
                        NewEntry::new(Action::Create, "delegation_member", Some(mid))
                            .office(Some(office_id))
                            .detail("import"),
                    );
                }
            }
            log_change!(tx, System::Exchanges, &items);
            audit_append!(tx, self, &entries);
            tx.commit().await?;
            ids
        });
        self.note_write(System::Exchanges);
        Ok(ids)
    }
}
