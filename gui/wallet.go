package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// walletNotConnected is what the wallet says until the contracts are wired
// into the client API: no balance is better than a made-up one.
const walletNotConnected = "Chain not connected: balances, stake, pending claims and job settlements " +
	"show here once the node settles jobs on Ethereum. Until then rendering is free and nothing is paid."

// walletView shows the node's account and, later, its balance and
// settlements.
type walletView struct {
	u       *ui
	account *widget.Label
	content fyne.CanvasObject
}

func newWalletView(u *ui) *walletView {
	v := &walletView{u: u, account: widget.NewLabel("")}
	state := widget.NewLabel(walletNotConnected)
	state.Wrapping = fyne.TextWrapWord
	state.Importance = widget.WarningImportance
	title := widget.NewLabelWithStyle("Wallet", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewPadded(container.NewVBox(title, state, v.account))
	return v
}

// refresh finds the connected node's account: the member whose API is the
// one the app talks to (the API has no "this node" call).
func (v *walletView) refresh() {
	c := v.u.client
	go func() {
		ctx, cancel := context.WithTimeout(v.u.ctx, callTimeout)
		members, err := c.Nodes(ctx)
		cancel()
		v.u.do(func() {
			if err != nil {
				v.account.SetText("Cannot reach the node: " + err.Error())
				return
			}
			for _, m := range members {
				if strings.TrimRight(m.API, "/") == c.BaseURL {
					v.account.SetText("Node " + m.ID + " account (receives payments once connected): " + m.Addr)
					return
				}
			}
			v.account.SetText("The connected node's account is not in its member list.")
		})
	}()
}
