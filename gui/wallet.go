package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm/api"
)

// walletNotConnected is what the wallet says for a node without a chain: no
// balance is better than a made-up one.
const walletNotConnected = "Chain not connected: this node does not settle jobs on Ethereum, so rendering " +
	"on it is free and nothing is paid. To get paid (and pay others), start the node with a chain: " +
	"conun node --chain URL (for a local development chain: conun chain)."

// claimColumns are the claims table's headings.
var claimColumns = []string{"Job", "Amount", "Status", "Tx"}

// claimRow formats a claim for the table.
func claimRow(c api.WalletClaim) []string {
	return []string{claimJob(c.JobID), c.Amount, claimStatus(c), c.Tx}
}

// claimJob turns a claim's job, the spec's hash as the chain knows it
// (0x and 64 hex digits), into the job id the other screens show: its
// first 16 hex digits (see api.JobSpec.ID).
func claimJob(chainID string) string {
	h := strings.ToLower(strings.TrimPrefix(chainID, "0x"))
	if len(h) != 64 {
		return chainID
	}
	return h[:16]
}

// pendingRecheck is how soon the wallet looks again while a claim is still
// being sent to the chain.
const pendingRecheck = 2 * time.Second

// walletView shows the connected node's wallet: its address, balance, stake
// and the payments it claims for the tiles it rendered.
type walletView struct {
	u       *ui
	info    api.WalletInfo
	loading bool
	// again is set when a refresh was asked for during a load.
	again bool
	// recheck is set while a look again for pending claims is scheduled.
	recheck bool

	notice  *widget.Label // "chain not connected", with how to connect
	account *widget.Label
	figures *widget.Label
	claims  *widget.Table
	content fyne.CanvasObject
}

func newWalletView(u *ui) *walletView {
	v := &walletView{u: u, account: widget.NewLabel(""), figures: widget.NewLabel("")}
	v.notice = widget.NewLabel(walletNotConnected)
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Importance = widget.WarningImportance
	v.notice.Hide()
	v.claims = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.info.Claims), len(claimColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("0123456789abcdef") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(claimRow(v.info.Claims[id.Row])[id.Col])
		})
	v.claims.ShowHeaderColumn = false
	v.claims.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.claims.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = true
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(claimColumns[id.Col])
		} else {
			l.SetText("")
		}
	}
	for i, w := range []float32{300, 120, 260, 560} {
		v.claims.SetColumnWidth(i, w)
	}
	title := widget.NewLabelWithStyle("Wallet", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := container.NewHBox(title, widget.NewButton("Refresh", v.refresh))
	top := container.NewVBox(bar, v.notice, v.account, v.figures, widget.NewLabel("Payments for rendered tiles:"))
	v.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, v.claims))
	return v
}

// refresh reads the node's wallet off the UI goroutine. A refresh asked for
// during a load runs after it, so a settlement seen mid-load is not lost.
func (v *walletView) refresh() {
	if v.loading {
		v.again = true
		return
	}
	v.loading = true
	c := v.u.client
	if v.info.Address == "" {
		v.account.SetText("Reading the wallet of " + c.BaseURL + " …")
	}
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		info, err := c.Wallet(ctx)
		cancel()
		v.u.do(func() { v.show(info, err) })
	}()
}

// show puts a wallet read on screen, then runs a refresh asked for
// meanwhile, or looks again soon while a claim is pending.
func (v *walletView) show(info api.WalletInfo, err error) {
	v.loading = false
	switch {
	case err != nil:
		v.account.SetText("Cannot read the wallet of " + v.u.client.BaseURL + ": " + err.Error())
	case !info.Connected:
		v.info = info
		v.notice.Show()
		v.account.SetText("Node account (would receive payments): " + info.Address)
		v.figures.SetText("")
	default:
		v.info = info
		v.notice.Hide()
		v.account.SetText("Node account: " + info.Address)
		v.figures.SetText(fmt.Sprintf("Balance: %s tokens · Stake: %s tokens · %d claim(s), %s pending",
			orUnknown(info.Balance), orUnknown(info.Stake), len(info.Claims), pendingClaims(info.Claims)))
	}
	v.claims.Refresh()
	if v.again {
		v.again = false
		v.refresh()
		return
	}
	if err == nil && !v.recheck && pendingClaims(info.Claims) != "none" {
		v.recheck = true
		time.AfterFunc(pendingRecheck, func() {
			if v.u.ctx.Err() == nil {
				v.u.do(func() {
					v.recheck = false
					v.refresh()
				})
			}
		})
	}
}

// pendingClaims counts the claims not yet paid nor failed, in words.
func pendingClaims(claims []api.WalletClaim) string {
	n := 0
	for _, c := range claims {
		if strings.HasPrefix(claimStatus(c), "pending") { // "pending: ..." says what it waits for
			n++
		}
	}
	if n == 0 {
		return "none"
	}
	return fmt.Sprint(n)
}

// orUnknown shows an amount the node could not read (it leaves it out) as
// "?", so it is not mistaken for an empty wallet.
func orUnknown(amount string) string {
	if amount == "" {
		return "?"
	}
	return amount
}
