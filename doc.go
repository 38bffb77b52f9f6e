// Package neighborbot holds the domain of NeighborBot (邻里哨): the unit tree,
// group chats, people and their roles, cases and their lifecycle, the event
// log, and the interfaces of the services that store them.
//
// It depends on the standard library only. Everything that talks to the
// outside world (SQL, chat platforms, HTTP) lives in its own package and
// points toward this one.
package neighborbot
