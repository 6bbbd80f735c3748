package io.batos.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.NotPersistableException;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Prototype objects: slots, parents, lookup, sends, volatile slots and doesNotUnderstand. */
class ObjectTest {
    @TempDir
    Path dir;
    LivingImage image;
    ObjectSpace space;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        space = new ObjectSpace(image);
        new Genesis(Genesis.coreSteps()).apply(space);
    }

    @AfterEach
    void close() {
        if (!image.isClosed()) {
            image.close();
        }
    }

    private void reopen() {
        image.close();
        image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING);
        space = new ObjectSpace(image);
    }

    @Test
    void lookupFallsBackToParentsDepthFirstInOrderAndSelfStaysTheReceiver() {
        long child = space.inTransaction("chain", "test", tx -> {
            UvmObject lobby = space.lobby(tx);
            UvmObject left = lobby.clone().set("name", "left").set("onlyLeft", 1);
            UvmObject leftParent = lobby.clone().set("deep", "from left's parent").set("shared", "left-deep");
            left.setParents(List.of(leftParent));
            UvmObject right = lobby.clone().set("shared", "right").set("deep", "from right");
            UvmObject c = lobby.clone();
            c.setParents(List.of(left, right));
            lobby.set("child", c);
            return c.oid();
        });
        reopen();
        try (Transaction tx = image.begin("read")) {
            UvmObject c = space.object(tx, child);
            assertThat(c.send("name")).isEqualTo("left");
            assertThat(c.send("deep")).as("depth first: left's parent before right").isEqualTo("from left's parent");
            assertThat(c.send("shared")).isEqualTo("left-deep");
            assertThat(c.get("comment")).as("found in traits through the lobby")
                    .isEqualTo("The shared behaviour every object can reach through its parents.");
            assertThat(c.holderOf("onlyLeft").orElseThrow().get("name")).isEqualTo("left");
            assertThat(c.get("nope")).isNull();
        }
    }

    @Test
    void parentCyclesAreHarmless() {
        space.inTransaction("cycle", "test", tx -> {
            UvmObject a = space.lobby(tx).clone();
            UvmObject b = a.clone();
            a.setParents(List.of(b));
            assertThat(a.get("missing")).isNull();
            assertThatThrownBy(() -> a.send("missing")).isInstanceOf(DoesNotUnderstandException.class);
            return null;
        });
    }

    @Test
    void setAlwaysWritesTheReceiverNeverTheParent() {
        space.inTransaction("shadow", "test", tx -> {
            UvmObject proto = space.lobby(tx).clone().set("balance", 0);
            UvmObject account = proto.clone();
            account.set("balance", 100);
            assertThat(account.send("balance")).isEqualTo(100L);
            assertThat(proto.send("balance")).isEqualTo(0L);
            return null;
        });
    }

    @Test
    void aDataSlotSentWithArgumentsSaysUseSet() {
        space.inTransaction("data", "test", tx -> {
            UvmObject lobby = space.lobby(tx).set("x", 1);
            assertThatThrownBy(() -> lobby.send("x", 2)).hasMessageContaining("use set");
            return null;
        });
    }

    @Test
    void methodSlotsRunThroughTheInvokerWithSelfAsTheOriginalReceiver() {
        List<Object> seen = new ArrayList<>();
        space.setMethodInvoker((self, selector, method, args) -> {
            seen.add(self.oid());
            seen.add(method);
            return "ran " + selector + " with " + List.of(args);
        });
        space.inTransaction("method", "test", tx -> {
            UvmObject proto = space.lobby(tx).clone().set("greet", new Primitive("demo.greet"));
            UvmObject child = proto.clone();
            assertThat(child.send("greet", "you")).isEqualTo("ran greet with [you]");
            assertThat(seen).containsExactly(child.oid(), new Primitive("demo.greet"));
            return null;
        });
    }

    @Test
    void aMissSendsDoesNotUnderstandToThePluggedHandler() {
        List<Message> messages = new ArrayList<>();
        space.setDoesNotUnderstandHandler(message -> {
            messages.add(message);
            return "answered " + message.selector();
        });
        space.inTransaction("dnu", "test", tx -> {
            UvmObject lobby = space.lobby(tx);
            assertThat(lobby.send("frobnicate", 1, "two")).isEqualTo("answered frobnicate");
            return null;
        });
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.selector()).isEqualTo("frobnicate");
            assertThat(m.arguments()).containsExactly(1, "two");
        });
    }

    @Test
    void theDefaultHandlerRaisesWithReceiverSelectorAndArguments() {
        space.inTransaction("dnu", "test", tx -> {
            UvmObject lobby = space.lobby(tx);
            assertThatThrownBy(() -> lobby.send("frobnicate", 42))
                    .isInstanceOf(DoesNotUnderstandException.class)
                    .hasMessageContaining("@" + lobby.oid() + " does not understand 'frobnicate'")
                    .satisfies(e -> {
                        DoesNotUnderstandException dnu = (DoesNotUnderstandException) e;
                        assertThat(dnu.receiver()).isEqualTo(lobby.oid());
                        assertThat(dnu.arguments()).containsExactly("42");
                        assertThat(dnu.code()).isEqualTo(ImageException.Code.NOT_UNDERSTOOD);
                    });
            return null;
        });
    }

    @Test
    void aDoesNotUnderstandSlotInTheLookupPathIsSentTheMessage() {
        List<Object> invoked = new ArrayList<>();
        space.setMethodInvoker((self, selector, method, args) -> {
            invoked.add(selector);
            invoked.add(((Message) args[0]).selector());
            return "from the image";
        });
        space.inTransaction("dnu slot", "test", tx -> {
            UvmObject traits = space.lobby(tx).parents().get(0);
            traits.set(ObjectSpace.DOES_NOT_UNDERSTAND, new Primitive("traits.doesNotUnderstand"));
            assertThat(space.lobby(tx).clone().send("whatever")).isEqualTo("from the image");
            return null;
        });
        assertThat(invoked).containsExactly("doesNotUnderstand", "whatever");
    }

    @Test
    void volatileSlotsHoldAnythingAndAreGoneAfterReopen() {
        Thread thread = new Thread(() -> { });
        long oid = space.inTransaction("volatile", "test", tx -> {
            UvmObject lobby = space.lobby(tx);
            lobby.set("_v_worker", thread);
            lobby.set("kept", "yes");
            assertThat(lobby.get("_v_worker")).isSameAs(thread);
            assertThat(lobby.volatileSlotNames()).containsExactly("_v_worker");
            assertThat(lobby.slotNames()).doesNotContain("_v_worker");
            return lobby.oid();
        });
        try (Transaction tx = image.begin("same process")) {
            assertThat(space.object(tx, oid).get("_v_worker")).isSameAs(thread);
        }
        reopen();
        try (Transaction tx = image.begin("after reopen")) {
            UvmObject lobby = space.object(tx, oid);
            assertThat(lobby.get("_v_worker")).isNull();
            assertThat(lobby.get("kept")).isEqualTo("yes");
        }
    }

    static List<Object> runtimeObjects() throws Exception {
        return List.of(new Thread(() -> { }), new Socket(), new ReentrantLock(), new Object(),
                List.of("fine", new StringBuilder("not fine")), java.util.Map.of("k", new Object()));
    }

    @ParameterizedTest
    @MethodSource("runtimeObjects")
    void runtimeObjectsAreRefusedAtSetAndTheImageIsUnchanged(Object value) throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("image.log"));
        long last = image.lastTx();
        space.inTransaction("bad value", "test", tx -> {
            UvmObject lobby = space.lobby(tx);
            assertThatThrownBy(() -> lobby.set("engine", value))
                    .isInstanceOf(NotPersistableException.class)
                    .hasMessageContaining("slot 'engine'")
                    .hasMessageContaining("_v_");
            assertThat(lobby.hasOwn("engine")).isFalse();
            return null;
        });
        assertThat(image.lastTx()).isEqualTo(last);
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);
    }

    @Test
    void parentsChainsSurviveReopen() {
        long leaf = space.inTransaction("chain", "test", tx -> {
            UvmObject a = space.lobby(tx).clone().set("depth", "a");
            UvmObject b = a.clone();
            UvmObject c = b.clone();
            space.lobby(tx).set("leaf", c);
            return c.oid();
        });
        reopen();
        try (Transaction tx = image.begin("read")) {
            UvmObject c = space.object(tx, leaf);
            assertThat(c.send("depth")).isEqualTo("a");
            assertThat(c.parents()).hasSize(1);
            assertThat(c.parents().get(0).parents().get(0).get("depth")).isEqualTo("a");
            assertThat(space.lobby(tx).get("leaf")).isEqualTo(new ObjectRef(leaf));
        }
    }

    @Test
    void aCommittedShapeChangeIsSeenByLaterTransactionsButNotByOlderOnes() {
        long child = space.inTransaction("setup", "test", tx -> {
            UvmObject proto = space.lobby(tx).clone().set("greeting", "proto");
            space.lobby(tx).set("proto", proto);
            UvmObject c = proto.clone();
            space.lobby(tx).set("c", c);
            return c.oid();
        });
        Transaction older = image.begin("older");
        assertThat(space.object(older, child).send("greeting")).isEqualTo("proto");
        space.inTransaction("override", "test", tx -> {
            space.object(tx, child).set("greeting", "own");
            return null;
        });
        try (Transaction newer = image.begin("newer")) {
            assertThat(space.object(newer, child).send("greeting")).isEqualTo("own");
        }
        assertThat(space.object(older, child).send("greeting")).as("older snapshot keeps its view").isEqualTo("proto");
        older.abort();
    }

    @Test
    void aTransactionSeesItsOwnShapeChangesAtOnce() {
        space.inTransaction("own", "test", tx -> {
            UvmObject proto = space.lobby(tx).clone().set("v", "proto");
            UvmObject c = proto.clone();
            assertThat(c.send("v")).isEqualTo("proto");
            c.set("v", "mine");
            assertThat(c.send("v")).isEqualTo("mine");
            c.remove("v");
            assertThat(c.send("v")).isEqualTo("proto");
            c.setParents(List.of());
            assertThat(c.get("v")).isNull();
            return null;
        });
    }
}
