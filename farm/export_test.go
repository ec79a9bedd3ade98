package farm

import (
	"time"

	"github.com/conun/conun/farm/blobstore"
)

// Cache is the node's cache of blobs fetched from other members, for tests
// in farm_test that fetch through it as a task's scene would be.
func (n *Node) Cache() *blobstore.Blobs { return n.work.cache }

// ProcessCPU is the CPU time of this process and its children, for
// benchmarks that compare an estimate's CPU-seconds with a job's.
func ProcessCPU() float64 { return processCPU() }

// SpeakProtocol makes a node speak protocol p instead of Protocol: a node
// of another release, for tests in farm_test.
func SpeakProtocol(c *NodeConfig, p int) { c.protocol = p }

// SetCoordinatingLinger sets how long nodes still gossip Coordinating
// after their last job ended, until the test ends.
func SetCoordinatingLinger(t interface{ Cleanup(func()) }, d time.Duration) {
	old := coordinatingLinger
	coordinatingLinger = d
	t.Cleanup(func() { coordinatingLinger = old })
}

// SayGatewayFails has the node's coordinator count k answers of member
// name that reached it through its gateway without its word, whether or
// not any did: what a coordinator that lies about a node's gateway tells
// it. It reports whether name is a member reached through a gateway.
func (n *Node) SayGatewayFails(name string, k int) bool {
	for _, m := range n.cluster.Members() {
		if m.ID == name && relayed(m) {
			for range k {
				n.coord.gateways.observe(m, onTheWay(m, errNoHeartbeat))
			}
			return true
		}
	}
	return false
}

// GatewaysLeft is how many gateways the node left on a coordinator's word.
func (n *Node) GatewaysLeft() int64 { return n.metrics.gatewaysLeft.Load() }

// HoldReceipts has the node's coordinator issue no receipt: its tasks'
// records say accepted and unreceipted, as a kill between the two leaves
// them.
func HoldReceipts(c *NodeConfig) { c.receiptsHeld = true }

// DropReceiptMessages has the node's coordinator record its receipts and
// never hand them over, as a kill between the records and the outbox
// leaves them.
func DropReceiptMessages(c *NodeConfig) { c.receiptMessagesDropped = true }

// ReserveNothing has the node's coordinator lease paid tasks without
// reserving anything for their workers in the escrow: a requester that
// means not to pay.
func ReserveNothing(c *NodeConfig) { c.reservesOff = true }
