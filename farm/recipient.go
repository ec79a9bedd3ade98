package farm

// Every node-to-node request that does work names its recipient.
//
// A task request (a lease, a check, a finish) is signed by its coordinator
// over every field, the recipient's address among them, and a worker
// refuses one that names another node. Who gains if a caller lies:
//
//   - A member that forwards its lease to another node as it stands gets it
//     refused there ("addressed to 0x.., not this node"): the signature
//     covers the recipient, so it cannot change it, and it is not the
//     coordinator, so it cannot sign a new one in the coordinator's name.
//     Nothing is rendered for it, and it has nothing to return.
//   - A member that hands on another node's signed answer gets it refused
//     here: the worker's signature (resultMessage) covers the coordinator,
//     the recipient and the lease's nonce, and it is checked against the
//     address of the member the lease went to. When it is instead a valid
//     signature by another member over this very lease, that member
//     rendered a request addressed to someone else, and the one it went to
//     passed the work off as its own: that is evidence, and it is
//     convicted (convictForwarder) like a cheat caught by a check, so its
//     other tasks in the job are taken back too.
//   - A member that re-wraps the task as its own job (its own escrow, its
//     own signed requests to helpers) and re-signs the pixels is not
//     detectable from the pixels: they are honest. But it pays for that
//     work itself, so it is subcontracting, not stealing. Only a helper's
//     signature or recipient showing up in what it returns gives it away,
//     which is the case above.
//   - A relay (the gateway of a node behind NAT) reads the lease's nonce
//     on the way and could put its own signature or seal on the worker's
//     answer. The tile still carries the worker's own EIP-712 result, so
//     the coordinator refuses that answer as tampered with and convicts
//     nobody: only an answer whose result is not the worker's either is a
//     forward. A forwarder's conviction stays with its coordinator (Local)
//     and is never slashed: the worker signed nothing for it.
//   - Through a gateway, not even that is the worker's for sure: the
//     gateway and an accomplice member could render the lease and answer
//     it, or the gateway answer a failure, in the worker's name. So a node
//     reached through a gateway is held only to what it signs (onTheWay
//     in lease.go): whatever else is wrong with its answer is counted as
//     it being unreachable, never as its failed attempt or a conviction,
//     and its worker signs (seals) every answer to a lease it
//     authenticated, busy ones included (failLease); what it answers
//     before, it does not sign, since anyone could ask it. The
//     coordinator tells the node in its next lease (gatewayfaults.go),
//     and the node moves to another gateway.
//   - Receipts and claims already name their worker (a receipt's Worker, a
//     claim's Node, checked in wallet.go), and the chain pays only that
//     address whoever delivers them; heartbeats carry a lease's nonce and
//     move neither work nor money; a conviction notice is for everyone.

import (
	"errors"
	"fmt"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// errMisdirected marks a request that names another node as its recipient.
var errMisdirected = errors.New("misdirected request")

// checkRecipient refuses a task request that is not addressed to this node.
func (w *worker) checkRecipient(req TaskRequest) error {
	if !common.IsHexAddress(req.Recipient) {
		return fmt.Errorf("%w: task request names no recipient (0x and 40 hex digits): this node renders only requests addressed to it, %s", errMisdirected, w.ident.Address().Hex())
	}
	if to := common.HexToAddress(req.Recipient); to != w.ident.Address() {
		return fmt.Errorf("%w: task request is addressed to %s, not this node (%s)", errMisdirected, to.Hex(), w.ident.Address().Hex())
	}
	return nil
}

// signFor addresses req to member m and signs it, or seals it when m's
// key is known (seal.go).
func (c *coordinator) signFor(req *TaskRequest, m api.Member) error {
	to := common.HexToAddress(m.Addr)
	req.Recipient, req.Key, req.Sig, req.Seal = to.Hex(), c.sessions.PublicKey(), "", ""
	signed := req.signedBytes()
	if key, ok := c.sessions.KeyOf(to); ok {
		seal, err := c.sessions.Seal(key, to, sealLease, signed)
		if err != nil {
			return fmt.Errorf("seal task request for %s: %w", m.ID, err)
		}
		req.Seal = seal
		req.body = withField(signed, "seal", seal)
		return nil
	}
	sig, err := c.ident.Sign(signed)
	if err != nil {
		return fmt.Errorf("sign task request for %s: %w", m.ID, err)
	}
	req.Sig = sig
	req.body = withField(signed, "sig", sig)
	return nil
}

// withField is the JSON object obj with the string field name: value
// added (value is hex, which needs no escaping): the signed request's
// JSON with its signature, without encoding the request a second time.
func withField(obj []byte, name, value string) []byte {
	out := make([]byte, 0, len(obj)+len(name)+len(value)+6)
	out = append(out, obj[:len(obj)-1]...)
	return append(append(append(append(out, `,"`...), name...), `":"`...), value+`"}`...)
}

// forwardedError is the answer of a member to a lease addressed to it that
// carries another member's valid signature over that very lease: the work
// was done by Helper and handed on by the member as its own.
type forwardedError struct {
	Helper, HelperAddr string
}

func (e *forwardedError) Error() string {
	return fmt.Sprintf("answered a lease addressed to it with %s's (%s) signed result: it forwarded the task", e.Helper, e.HelperAddr)
}

// forwardedBy looks at signer, who signed or sealed an answer by m over
// this lease's result message: when it is another member, it returns that
// member as a *forwardedError; else nil. Only a member's address counts:
// any 65 bytes recover to some key, but only a signature made with a
// member's key recovers to that member's address (and only a seal made
// with its key opens under its public key).
func forwardedBy(m api.Member, members []api.Member, signer common.Address) error {
	if signer == common.HexToAddress(m.Addr) {
		return nil
	}
	if o, ok := memberAt(members, signer); ok && o.ID != m.ID {
		return &forwardedError{Helper: o.ID, HelperAddr: signer.Hex()}
	}
	return nil
}

// isMember reports whether addr is the address of one of members.
func isMember(members []api.Member, addr common.Address) bool {
	_, ok := memberAt(members, addr)
	return ok
}

// memberAt returns the member of members whose address is addr.
func memberAt(members []api.Member, addr common.Address) (api.Member, bool) {
	for _, o := range members {
		if common.IsHexAddress(o.Addr) && common.HexToAddress(o.Addr) == addr {
			return o, true
		}
	}
	return api.Member{}, false
}

// convictForwarder convicts node, the member lease t went to, when err
// shows it answered with another member's signed work (forwardedError);
// it reports whether it did. c.mu must be held. The evidence is the
// helper's signature over a lease addressed to node, which this
// coordinator checked itself; it holds no crops or signed result of
// node's, so the conviction stays here (Local: not announced) and nothing
// is slashed: node signed nothing for it, and a slash with another of its
// results would punish it for this unsigned word (a relay's, perhaps).
func (c *coordinator) convictForwarder(j *job, t *task, node string, err error) bool {
	var fw *forwardedError
	if !errors.As(err, &fw) {
		return false
	}
	c.log.Warn("a member passed off another's work as its own", "job", j.id, "task", t.index, "node", node, "helper", fw.Helper)
	ev := api.Evidence{
		Worker: node, WorkerAddress: t.addr.Hex(), Checker: c.self, Convicted: node,
		Verdict: verifier.Verdict{Outcome: verifier.Fail, Reason: fw.Error()},
	}
	c.convict(j, node, t.index, ev, true)
	c.saveReputation()
	c.emit(j, api.Event{Type: api.EventVerdict, Task: t.index, Frame: t.tile.Frame, Node: node, Verdict: api.CheckOutcome(verifier.Fail.String()), Convicted: node, Message: verdictMessage(ev, node)})
	return true
}
