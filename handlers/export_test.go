package handlers

// WithdrawalIsCorrection exports withdrawalIsCorrection to the tests.
var WithdrawalIsCorrection = withdrawalIsCorrection
