//! New passwords that are easy to guess are refused, saying why.

use kizuna_app::AppError;
use kizuna_domain::common::account::Role;
use kizuna_store::Backend;
use kizuna_testkit::{PASSWORD, TestApp};

pub async fn guessable_passwords_are_refused(backend: Backend) {
    let t = TestApp::empty(backend).await;
    for weak in [
        "password1234",
        "123456789012",
        "qwertyuiop[]",
        "aaaaaaaaaaaaaaaaaaaa",
        "newcomer@example.org",
        "Password2026!",
        "kizuna-kizuna-kizuna",
    ] {
        let got = t
            .app
            .add_user("newcomer@example.org", Role::Staff, None, Some(weak))
            .await;
        let Err(AppError::Invalid(errors)) = got else {
            panic!("{weak}: {got:?}");
        };
        let e = errors
            .iter()
            .find(|e| e.field == "password")
            .expect("the password named");
        assert_eq!(e.code, "weak_password", "{weak}");
        assert!(e.message.contains("too easy to guess"), "{weak}: {}", e.message);
    }
    assert!(
        t.app
            .store
            .user_by_email("newcomer@example.org")
            .await
            .expect("the store answers")
            .is_none()
    );
    // Why, in the message: zxcvbn's warning for a common one.
    let Err(AppError::Invalid(errors)) = t
        .app
        .add_user("newcomer@example.org", Role::Staff, None, Some("password1234"))
        .await
    else {
        panic!("accepted");
    };
    assert!(errors[0].message.contains("common password"), "{}", errors[0].message);
    // A passphrase of uncommon words, the test accounts' password and a
    // generated one are accepted.
    for (email, strong) in [
        ("a@example.org", Some("lantern obihiro paddle quietly")),
        ("b@example.org", Some(PASSWORD)),
        ("c@example.org", None),
    ] {
        let (_, generated) = t.app.add_user(email, Role::Staff, None, strong).await.expect(email);
        assert_eq!(generated.is_some(), strong.is_none());
    }
}
