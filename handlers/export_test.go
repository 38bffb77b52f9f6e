package handlers

// WithdrawalIsCorrection exports withdrawalIsCorrection to the tests.
var WithdrawalIsCorrection = withdrawalIsCorrection

// Texts exports the chat's texts to the tests.
var Texts = texts
