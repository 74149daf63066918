# Completion certificates: the PDF, the staff's pages and the public verify page.
cert-title = Certificate of Completion
cert-body = This is to certify that { $name } has completed the course below.
cert-course = Course
cert-fiscal-year = Fiscal year
cert-period = Period
cert-number = Certificate number
cert-issued-on = Date of issue
cert-status = Status
cert-status-valid = Valid
cert-status-revoked = Revoked
cert-qr = QR code of this certificate's verification address
cert-verify-at = Check this certificate at { $url }
cert-issuer = Issued by { $issuer }
cert-console-title = Completion certificates
cert-console-edition = Certificates of { $edition }
cert-console-none = No certificates have been issued for this edition.
cert-console-issue = Issue certificates to every trainee who completed
cert-console-issued = { $count ->
    [one] One certificate issued.
   *[other] { $count } certificates issued.
}
cert-console-trainee = Trainee
cert-console-download = Download PDF
cert-console-credential = Credential (JSON)
cert-console-revoke = Revoke
cert-console-reason = Reason
cert-console-revoked = Certificate { $number } revoked.
cert-console-person = Certificates of { $name }
cert-console-link = Completion certificates
verify-title = Certificate check
verify-lead = This page confirms a completion certificate by its number. It names no person.
verify-not-found = No certificate has this number.
verify-course = Course
verify-fiscal-year = Fiscal year
verify-issued-on = Date of issue
verify-status = Status
verify-number = Number
verify-credential = The same certificate as a signed Open Badges credential
verify-too-many = Too many checks from your address. Please wait { $seconds } seconds and try again.
cert-console-back = Back to the edition
cert-console-back-list = Back to the certificates
cert-console-pending = { $count ->
    [0] Every trainee who completed has a certificate.
    [one] One trainee completed and has no certificate yet.
   *[other] { $count } trainees completed and have no certificate yet.
}
cert-console-base-url = Verify addresses and QR codes start with { $url }.
cert-console-files = Files and links
cert-console-verify = Verify page
cert-console-revoked-on = Revoked on { $date }
cert-console-revoke-title = Revoke certificate { $number }?
cert-console-revoke-explain = The certificate of { $name } will be shown as revoked on its verify page and in its credential's status list. This cannot be undone.
cert-console-reason-hint = Staff see the reason here and in the console. The public verify page shows only that the certificate was revoked, and on which day.
cert-console-revoke-confirm = Revoke the certificate
cert-console-cancel = Cancel
cert-console-person-none = No completion certificates.
cert-error-reason-required = Say why the certificate is revoked.
cert-error-reason-too-long = The reason is too long: at most 500 characters.
cert-error-reason-control-character = Remove the control characters from the reason.
verify-too-many-title = Too many checks
verify-valid-lead = This certificate was issued by the office and stands.
verify-revoked-lead = This certificate was revoked on { $date }. It no longer certifies completion.
verify-not-found-title = Certificate not found
verify-form-label = Certificate number
verify-form-hint = As printed under the QR code, for example KZC-0A1B-2C3D-4E5F. Letters in any case; spaces are fine.
verify-submit = Check
