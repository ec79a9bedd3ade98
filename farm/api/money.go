package api

import "math/big"

// TokensToWei converts whole tokens to wei, rounding to the nearest wei.
func TokensToWei(tokens float64) *big.Int {
	f := new(big.Float).SetPrec(128).SetFloat64(tokens)
	f.Mul(f, new(big.Float).SetPrec(128).SetInt(big.NewInt(1e18)))
	f.Add(f, big.NewFloat(0.5))
	w, _ := f.Int(nil)
	return w
}

// FormatTokens writes wei as tokens with up to 6 decimals.
func FormatTokens(wei *big.Int) string {
	if wei == nil {
		return "0"
	}
	f := new(big.Float).SetPrec(128).SetInt(wei)
	f.Quo(f, new(big.Float).SetPrec(128).SetInt(big.NewInt(1e18)))
	return f.Text('f', 6)
}

// SettlementRecord is what a job's settlement paid, kept with the job and
// shown in its report.
type SettlementRecord struct {
	Tx       string        `json:"tx"`
	Root     string        `json:"root"`
	Budget   string        `json:"budget"`
	Paid     string        `json:"paid"`
	Refund   string        `json:"refund"`
	Payouts  []NodePayout  `json:"payouts"`
	Slashes  []SlashRecord `json:"slashes,omitempty"`
	Error    string        `json:"error,omitempty"`
	Attempts int           `json:"attempts,omitempty"`
}

// NodePayout is one worker's share of a settlement.
type NodePayout struct {
	Node    string `json:"node"`
	Address string `json:"address"`
	Tasks   int    `json:"tasks"`
	Amount  string `json:"amount"`
}

// SlashRecord is one convicted node's penalty in a settlement.
type SlashRecord struct {
	Node     string `json:"node"`
	Address  string `json:"address"`
	Amount   string `json:"amount"`
	Evidence string `json:"evidence"` // sha256 of the check's evidence, as on chain
	Tx       string `json:"tx,omitempty"`
	Error    string `json:"error,omitempty"`
}

// WalletClaim is one payment owed to this node.
type WalletClaim struct {
	JobID   string `json:"job"`
	Amount  string `json:"amount"`
	Claimed bool   `json:"claimed"`
	Tx      string `json:"tx,omitempty"`
	Error   string `json:"error,omitempty"`
}

// WalletInfo is what GET /v1/wallet returns.
type WalletInfo struct {
	Connected bool          `json:"connected"`
	Address   string        `json:"address"`
	Balance   string        `json:"balance,omitempty"`
	Stake     string        `json:"stake,omitempty"`
	Claims    []WalletClaim `json:"claims"`
}
