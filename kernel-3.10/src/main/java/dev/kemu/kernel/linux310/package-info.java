/**
 * Linux 3.10 and its two copy_file_range variants. Its splice write end,
 * {@code generic_file_splice_write} with {@code pipe_to_file}, takes the pipe mutex and then,
 * per batch of buffers, the destination inode's lock (the kernel's {@code i_mutex} after
 * {@code pipe->mutex}).
 */
package dev.kemu.kernel.linux310;
