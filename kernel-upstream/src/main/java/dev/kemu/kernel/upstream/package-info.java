/**
 * Upstream Linux 4.5 to 6.18: one provider whose behaviour switches exactly where the kernel's
 * history did, by version ranges per stable branch. Stateless; no locks.
 */
package dev.kemu.kernel.upstream;
