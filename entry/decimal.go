package entry

import (
	"math/big"
	"strings"
)

// Amounts are decimals kept as text and computed digit for digit, so no
// binary floating point ever rounds a fee.

const maxAmountDigits = 18

// validDecimal reports whether s is a non-negative decimal written with
// digits and at most one point, such as "30", "0" or "22.50".
func validDecimal(s string) bool {
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") || len(whole)+len(frac) > maxAmountDigits {
		return false
	}
	return allDigits(whole) && allDigits(frac)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isZeroDecimal reports whether the valid decimal s is zero.
func isZeroDecimal(s string) bool {
	return strings.Trim(s, "0.") == ""
}

// doubleDecimal returns twice the decimal s with the same number of places
// after the point: "30" -> "60", "22.50" -> "45.00".
func doubleDecimal(s string) (string, error) {
	if !validDecimal(s) {
		return "", invalid("error.fee_amount_invalid", "Amount", echo(s))
	}
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := new(big.Int).SetString(whole+frac, 10)
	digits := n.Lsh(n, 1).String()
	if len(frac) == 0 {
		return digits, nil
	}
	if pad := len(frac) + 1 - len(digits); pad > 0 {
		digits = strings.Repeat("0", pad) + digits
	}
	cut := len(digits) - len(frac)
	return digits[:cut] + "." + digits[cut:], nil
}
