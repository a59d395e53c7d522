/**
 * The kernel plugin SPI: a {@link dev.kemu.kernel.spi.KernelProvider} declares the versions it
 * covers and gives a Guice module per version that binds {@code VfsBehaviour},
 * {@code PipeBehaviour}, {@code CopyBehaviour} and {@link dev.kemu.kernel.spi.SyscallTable} with
 * {@code OptionalBinder.setBinding()} and documents its
 * {@link dev.kemu.kernel.spi.BehaviourSwitch}es through a {@code Multibinder}.
 */
package dev.kemu.kernel.spi;
