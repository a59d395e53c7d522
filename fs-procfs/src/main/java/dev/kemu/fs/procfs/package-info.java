/**
 * A procfs model ({@code fs/proc}): files that report {@code i_size} 0 and produce their text when
 * read, which is what makes {@code copy_file_range} from {@code /proc/self/status} copy nothing on
 * 5.3–5.18 ({@code mm/filemap.c:generic_copy_file_checks()} clamps the count to {@code i_size}).
 *
 * <p>The one public type is {@link dev.kemu.fs.procfs.ProcFsType}, found by
 * {@link java.util.ServiceLoader}. The tree is {@code /proc/self/status},
 * {@code /proc/<pid>/status} for the calling task, {@code /proc/version} and
 * {@code /proc/sys/fs/pipe-max-size}, {@code pipe-user-pages-soft} and {@code pipe-user-pages-hard},
 * {@code /proc/sys/kernel/hostname} and {@code domainname}. No file uses the page cache.
 *
 * <h2>Locks</h2>
 * <pre>
 * File.posLock()                 (f_pos_lock; the VFS holds it around read, write and lseek)
 *   SeqFile.lock                 (struct seq_file::lock, one per open file)
 * Inode.lock() of a directory    (i_rwsem; the VFS holds it around lookup)
 * PipeSysctl (the Vfs's)         (atomics, never held)
 * UtsNamespace (the Vfs's)       (uts_sem: its monitor, held only to copy a name in or out)
 * </pre>
 * <ul>
 * <li>A seq file's buffer, record index and {@code read_pos} are guarded by its own lock, taken
 * by {@code seq_read_iter} and {@code seq_lseek}; {@code pread} reaches it without
 * {@code f_pos_lock}, as in Linux.
 * <li>Directory tables are built at mount time and never change; lookup of {@code <pid>} makes a
 * new inode under the directory's lock, which the VFS already holds.
 * <li>{@code pipe-max-size} is a single word read and replaced atomically, as the kernel's
 * {@code pipe_max_size} is read with {@code READ_ONCE}.
 * <li>A UTS name is copied out, worked on and stored back in two steps, as
 * {@code proc_do_uts_string} drops {@code uts_sem} between them: two writers at non-zero offsets
 * of one name may lose one write, in Linux as here.
 * </ul>
 */
package dev.kemu.fs.procfs;
