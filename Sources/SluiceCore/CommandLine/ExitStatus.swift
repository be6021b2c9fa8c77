/// Exit statuses shared by all six programs (sysexits(3) values).
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let ioError: Int32 = 74
    public static let configuration: Int32 = 78
}
