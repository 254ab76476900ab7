extension Pages {
    static let adminLogin = """
        <!doctype html><title>adminLogin</title>
        """
}
