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
