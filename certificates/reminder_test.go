package certificates

// reminderDays is the window Opigno's expiration reminder e-mail uses (7
// calendar days), for the tests of ExpiringWithin.
const reminderDays = 7
