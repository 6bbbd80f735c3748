/**
 * The {@code batos} command line: one picocli command per verb, each opening the image, doing one
 * thing in at most one transaction, and closing it again.
 *
 * <p><b>Tour.</b> {@link io.batos.cli.Main} is the entry point; its {@code run(args, out, err)} does
 * everything but exit, so tests drive the real command line in-process. {@code BatosCommand} is
 * the root ({@code batos} alone opens or creates {@code ./live_image} and describes it);
 * {@code ImageGroup} holds the commands about the image as a whole ({@code image init | info |
 * verify | history | undo | pack | backup}); {@code GetCommand}, {@code SetCommand},
 * {@code RemoveCommand}, {@code SendCommand} and {@code CloneCommand} work on objects named by a
 * TARGET ({@code lobby}, {@code lobby.a.b} or {@code @OID}); {@code DataGroup} checks JSON files
 * against the image's data covenants ({@code data check}). {@code ServeCommand} serves the image
 * over ZMQ until a stop signal ({@code StopSignals}: SIGINT/SIGTERM wake it, it closes in order and
 * exits 0), {@code ClientCommand} sends one request to such a server, and {@code KeysGroup} makes the
 * CURVE keys a server beyond loopback needs ({@code io.batos.net}). {@code BenchGenerateCommand}
 * ({@code bench generate}) and {@code SoakCommand} ({@code soak}, with {@code Soak} and its server,
 * clients and ledger) measure; with {@code --record} ({@code RecordMixin}) they write their
 * figures into the project's benchmark record ({@code io.batos.cli.bench}). {@code ImageCommand}
 * is their shared base: the {@code --image} and {@code --json} options, opening, committing and printing.
 * {@code ObjectJson} is how {@code get} shows an object; {@code Failures} turns any failure into
 * one line and an exit code.
 *
 * <p><b>Why it is shaped this way.</b> DESIGN.md §12 is a contract that scripts, tests and the
 * ZMQ server's error words all rely on, so every command keeps to it through the one base class:
 * <ul>
 *   <li>only {@code image init} (and the bare {@code batos}) create an image; everything else on a
 *       missing image exits 8 with "no image at PATH (create it with `batos image init`)";</li>
 *   <li>read-only commands ({@code image info|history|verify|backup}, {@code get},
 *       {@code data check}) open through
 *       {@code Vessel.openReadOnly} and never commit; writes apply missing genesis steps first;</li>
 *   <li>a write is one transaction with origin {@code cli}: committed when the command's work
 *       returns, aborted when it throws, so a failed command leaves {@code image.log} as it was;
 *       JSON arguments are parsed before the image is even opened;</li>
 *   <li>with {@code --json} stdout carries exactly one JSON document; recovery notes and errors go
 *       to stderr; {@code get}, {@code send} and {@code clone} always print JSON, since values
 *       only round-trip exactly in their tagged forms;</li>
 *   <li>a failure is one line, {@code batos: <message>}, and the exit code is the
 *       {@link io.batos.image.ImageException.Code}'s number (picocli usage errors 2, anything
 *       else 1; {@code -Dbatos.debug=true} adds the stack trace).</li>
 * </ul>
 */
package io.batos.cli;
