package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.strace.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results as numbers and errno names; the function graph as nested objects. */
class JsonResultsTest {
    @Test
    void result_value_isANumber() {
        assertEquals("{\"ret\":200}", Json.write(JsonResults.result(Result.ofValue(200))));
    }

    @Test
    void result_errno_isMinusOneAndTheName() {
        assertEquals("{\"ret\":-1,\"errno\":\"EINVAL\"}", Json.write(JsonResults.result(Result.ofErrno("EINVAL", "Invalid argument"))));
    }

    @Test
    void result_interrupted_hasNoReturnValue() {
        assertEquals("{\"ret\":null,\"errno\":\"ERESTARTSYS\"}", Json.write(JsonResults.result(Result.interrupted("ERESTARTSYS", null))));
    }

    @Test
    void graph_nestedFunctionsNotesAndLeaves_becomeATree() {
        List<Object> g = JsonResults.graph(List.of("vfs_read() {", "  /* note a */", "  rw_verify_area();", "  pipe_read() {",
                "  } /* = 5 */", "} /* = 5 */"));
        assertEquals("[{\"function\":\"vfs_read\",\"notes\":[\"note a\"],\"calls\":[{\"function\":\"rw_verify_area\",\"notes\":[],"
                + "\"calls\":[]},{\"function\":\"pipe_read\",\"notes\":[],\"calls\":[],\"returned\":\"= 5\"}],\"returned\":\"= 5\"}]",
                Json.write(g));
    }
}
