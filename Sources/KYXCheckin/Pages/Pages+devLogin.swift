extension Pages {
    static let devLogin = """
        <!doctype html><title>devLogin</title>
        """
}
